using KmsActors.Console.Infrastructure;
using KmsActors.Console.Live;

namespace KmsActors.Console.Pages.Keys;

/// <summary>A key's Audit trail tab: the Audit page's events filtered to this key (its ARN in resources, or the keyId
/// the request named), live as they happen; the key header and its actions are the other tabs'.</summary>
public sealed class AuditModel(ConsoleContext console, AuditHistory history) : KeyDetailPageModel(console)
{
    public AuditView? View { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return;
        var filter = AuditFilter.From(Request.Query, Console.Region) with { Key = Key!.KeyId };
        View = AuditView.For(history, filter, path => Console.Link(path), $"/console/keys/{Key.KeyId}/audit");
    }
}
