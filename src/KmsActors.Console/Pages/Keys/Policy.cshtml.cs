using System.Text.Json;
using KmsActors.Console.Infrastructure;
using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Mvc;

namespace KmsActors.Console.Pages.Keys;

/// <summary>Key policy tab (docs/console.md): the policy as GetKeyPolicy answers it, pretty-printed; Edit opens it in a
/// text area, Save calls PutKeyPolicy. A refusal (MalformedPolicyDocumentException, …) keeps the text as typed.</summary>
public sealed class PolicyModel(ConsoleContext console) : KeyDetailPageModel(console)
{
    [BindProperty(SupportsGet = true)] public bool Edit { get; set; }

    [BindProperty] public string? Policy { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct))
            await Try(async () => Policy = Pretty((await Console.Kms.GetKeyPolicy(new GetKeyPolicyRequest { KeyId = KeyId, PolicyName = "default" },
                Console.Caller, Console.Region, ct)).Policy));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Edit = true;
        return await ActAsync(() => Console.Kms.PutKeyPolicy(new PutKeyPolicyRequest { KeyId = KeyId, PolicyName = "default", Policy = Policy ?? "" },
            Console.Caller, Console.Region, ct), "The key policy was saved.", "policy", ct);
    }

    /// <summary>Indented JSON, as the console's policy view shows it (the text as stored when it is not JSON).</summary>
    private static string? Pretty(string? policy)
    {
        if (policy is null)
            return null;
        try
        {
            using var document = JsonDocument.Parse(policy);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return policy;
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
