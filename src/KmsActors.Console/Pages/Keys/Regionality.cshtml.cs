using KmsActors.Console.Infrastructure;
using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Mvc;

namespace KmsActors.Console.Pages.Keys;

/// <summary>Regionality tab of a multi-Region key (docs/console.md): primary and replicas as DescribeKey's
/// MultiRegionConfiguration answers them; "Create new replica keys" calls ReplicateKey for each Region chosen (from
/// kms.console.regions) with the primary's key policy and description; "Change primary Region" calls UpdatePrimaryRegion.</summary>
public sealed class RegionalityModel(ConsoleContext console) : KeyDetailPageModel(console)
{
    [BindProperty] public List<string> ReplicaRegions { get; set; } = [];

    [BindProperty] public string? PrimaryRegion { get; set; }

    public bool IsPrimary => Key?.MultiRegionConfiguration?.MultiRegionKeyType == MultiRegionKeyType.PRIMARY;

    /// <summary>The console's Regions that hold neither the primary nor a replica of this key.</summary>
    public IEnumerable<string> FreeRegions
    {
        get
        {
            var config = Key?.MultiRegionConfiguration;
            var taken = (config?.ReplicaKeys ?? []).Select(r => r.Region).Append(config?.PrimaryKey?.Region).ToHashSet(StringComparer.Ordinal);
            return Console.Settings.Regions.Where(r => !taken.Contains(r));
        }
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostReplicateAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return Page();
        return await ActAsync(async () =>
        {
            var policy = (await Console.Kms.GetKeyPolicy(new GetKeyPolicyRequest { KeyId = KeyId, PolicyName = "default" }, Console.Caller, Console.Region, ct)).Policy;
            foreach (var region in ReplicaRegions)
                await Console.Kms.ReplicateKey(new ReplicateKeyRequest { KeyId = KeyId, ReplicaRegion = region, Policy = policy, Description = Key!.Description },
                    Console.Caller, Console.Region, ct);
        }, $"Replica keys are being created in {string.Join(", ", ReplicaRegions)}.", "regionality", ct);
    }

    public Task<IActionResult> OnPostUpdatePrimaryAsync(CancellationToken ct) =>
        ActAsync(() => Console.Kms.UpdatePrimaryRegion(new UpdatePrimaryRegionRequest { KeyId = KeyId, PrimaryRegion = PrimaryRegion ?? "" },
            Console.Caller, Console.Region, ct), $"The primary Region is being changed to {PrimaryRegion}.", "regionality", ct);
}
