using KmsActors.Console.Infrastructure;
using KmsActors.Console.Live;
using KmsActors.Kms.Model;

namespace KmsActors.Console.Pages.Keys;

/// <summary>A key's Audit trail tab: the Audit page's events filtered to this key (its ARN in resources, or the keyId
/// the request named), live as they happen.</summary>
public sealed class AuditModel(ConsoleContext console, AuditHistory history) : ConsolePageModel(console)
{
    public KeyMetadata? Key { get; private set; }

    /// <summary>The key's first alias name (alias/…), or null.</summary>
    public string? Alias { get; private set; }

    public AuditView? View { get; private set; }

    public async Task OnGetAsync(string keyId, CancellationToken ct)
    {
        await Try(async () =>
        {
            Key = (await Console.Kms.DescribeKey(new DescribeKeyRequest { KeyId = keyId }, Console.Caller, Console.Region, ct)).KeyMetadata;
            var aliases = await Console.Kms.ListAliases(new ListAliasesRequest { KeyId = Key!.KeyId }, Console.Caller, Console.Region, ct);
            Alias = aliases.Aliases?.FirstOrDefault()?.AliasName;
        });
        if (Key is null)
            return;
        var filter = AuditFilter.From(Request.Query, Console.Region) with { Key = Key.KeyId };
        View = AuditView.For(history, filter, path => Console.Link(path), $"/console/keys/{Key.KeyId}/audit");
    }
}
