using KmsActors.Console.Infrastructure;

namespace KmsActors.Console.Pages.Keys;

/// <summary>Cryptographic configuration tab (docs/console.md): key type, spec, usage, origin and the algorithms as
/// DescribeKey answers them.</summary>
public sealed class CryptoModel(ConsoleContext console) : KeyDetailPageModel(console)
{
    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);
}
