using KmsActors.Console.Infrastructure;
using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KmsActors.Console.Pages.Keys;

/// <summary>Customer managed keys of the selected region (docs/console.md): one ListKeys page, each key described.</summary>
public sealed class IndexModel(ConsoleContext console) : PageModel
{
    public IReadOnlyList<KeyMetadata> Keys { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var listed = await console.Kms.ListKeys(new ListKeysRequest(), console.Caller, console.Region, ct);
        var described = new List<KeyMetadata>();
        foreach (var entry in listed.Keys ?? [])
        {
            var key = await console.Kms.DescribeKey(new DescribeKeyRequest { KeyId = entry.KeyId }, console.Caller, console.Region, ct);
            if (key.KeyMetadata is { KeyManager: KeyManagerType.CUSTOMER } metadata)
                described.Add(metadata);
        }
        Keys = described;
    }
}
