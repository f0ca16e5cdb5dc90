using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KmsActors.Console.Infrastructure;

/// <summary>
/// A console page: calls the engine as the console principal in the region of the address, and shows a refusal as AWS's
/// console does — the error name and AWS's message (Shared/_AwsError.cshtml) — with the form as the user filled it in.
/// </summary>
public abstract class ConsolePageModel(ConsoleContext console) : PageModel
{
    protected ConsoleContext Console { get; } = console;

    /// <summary>The refusal of the last call, if any (shown by Shared/_AwsError.cshtml).</summary>
    public KmsException? Error { get; protected set; }

    /// <summary>Runs an engine call; a KmsException becomes <see cref="Error"/> (the call changed nothing) and false.</summary>
    protected async Task<bool> Try(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (KmsException refused)
        {
            Error = refused;
            return false;
        }
    }
}
