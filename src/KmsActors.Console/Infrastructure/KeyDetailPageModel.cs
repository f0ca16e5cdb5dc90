using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Mvc;

namespace KmsActors.Console.Infrastructure;

/// <summary>
/// A tab of a key's detail page (/console/keys/{keyId}/…): the key as DescribeKey answers the console principal, its
/// aliases, and the notices left by the action before the redirect. A key the engine does not know (or refuses to
/// describe) shows the refusal instead of the page.
/// </summary>
public abstract class KeyDetailPageModel(ConsoleContext console) : ConsolePageModel(console)
{
    /// <summary>The key in the address. Read from the route rather than model-bound: binding would read the form, and
    /// the upload page reads its multipart body itself (Pages/Keys/Material/Upload.cshtml.cs).</summary>
    public string KeyId => RouteData.Values["keyId"] as string ?? "";

    public KeyMetadata? Key { get; private set; }

    public IReadOnlyList<string> Aliases { get; private set; } = [];

    public string? Success { get; private set; }

    public string? Warning { get; private set; }

    /// <summary>The key's first alias, or its ID: the page's heading, as the console titles a key.</summary>
    public string Title => Aliases.Count > 0 ? Aliases[0] : Key?.KeyId ?? KeyId;

    /// <summary>A tab of this key ("policy", …; "" the General configuration), or a handler of it ("?handler=enable").</summary>
    public string KeyLink(string slug = "") =>
        Console.Link(slug.Length == 0 || slug[0] == '?' ? $"/console/keys/{KeyId}{slug}" : $"/console/keys/{KeyId}/{slug}");

    /// <summary>Describes the key and lists its aliases; false (and <see cref="ConsolePageModel.Error"/>) when refused.
    /// A refusal already shown (of the action just tried) is kept: the key is then described quietly.</summary>
    protected async Task<bool> LoadAsync(CancellationToken ct)
    {
        Success ??= KeyNotices.TakeSuccess(TempData);
        Warning ??= KeyNotices.TakeWarning(TempData);
        var actionError = Error;
        var ok = await Try(async () =>
            Key = (await Console.Kms.DescribeKey(new DescribeKeyRequest { KeyId = KeyId }, Console.Caller, Console.Region, ct)).KeyMetadata);
        if (ok && Key is not null)
        {
            // The header's aliases are a convenience: a refusal of ListAliases (e.g. no permission) leaves them out, as AWS's console does.
            try
            {
                Aliases = (await ConsoleAliases.ListAsync(Console, Key.KeyId, ct)).Select(a => a.AliasName!).Order(StringComparer.Ordinal).ToList();
            }
            catch (KmsException)
            {
                Aliases = [];
            }
        }
        if (actionError is not null)
            Error = actionError;
        return ok && Key is not null;
    }

    /// <summary>Runs an action on the key; on success the page is reloaded (Post/Redirect/Get) with a notice, on refusal
    /// the page is drawn again with AWS's error and the form as typed.</summary>
    protected async Task<IActionResult> ActAsync(Func<Task> call, string success, string slug, CancellationToken ct)
    {
        if (await Try(call))
        {
            KeyNotices.Success(TempData, success);
            return Redirect(KeyLink(slug));
        }
        await LoadAsync(ct);
        return Page();
    }
}
