using Akka.Actor;
using KmsActors.Console.Infrastructure;
using KmsActors.Console.Infrastructure.Material;
using KmsActors.Kms.Model;

namespace KmsActors.Console.Pages.Keys.Material;

/// <summary>
/// The Key material tab of an imported (EXTERNAL) key (docs/console.md): what DescribeKey says of the current material
/// (ID, expiration model, ValidTo with a countdown) and, for symmetric keys, every material ListKeyRotations lists with
/// IncludeKeyMaterial=ALL_KEY_MATERIAL (the first import, rotations, and material pending rotation).
/// </summary>
public sealed class IndexModel(ConsoleContext console, ActorSystem system) : MaterialPageModel(console, system)
{
    public IReadOnlyList<RotationsListEntry> Materials { get; private set; } = [];

    /// <summary>Why no list of materials is shown (only symmetric keys have them).</summary>
    public string? MaterialsNote { get; private set; }

    /// <summary>What the last action did ("imported", "deleted"), shown once after the redirect.</summary>
    public string? Notice { get; private set; }

    public bool HasMaterial => Key is { KeyState: not KeyState.PendingImport } && Key.ExpirationModel is not null;

    public RotationsListEntry? Current => Materials.FirstOrDefault(m => m.KeyMaterialId == Key?.CurrentKeyMaterialId);

    public async Task OnGetAsync(string? notice, CancellationToken ct)
    {
        Notice = notice is "imported" or "deleted" ? notice : null;
        if (!await LoadKey(ct) || Key!.Origin != OriginType.EXTERNAL)
            return;
        if (Key.KeySpec != KeySpec.SYMMETRIC_DEFAULT)
        {
            MaterialsNote = "Only symmetric encryption keys have several key materials (on-demand rotation of imported key material).";
            return;
        }
        var materials = new List<RotationsListEntry>();
        await Try(async () =>
        {
            string? marker = null;
            do
            {
                var page = await Console.Kms.ListKeyRotations(new ListKeyRotationsRequest
                {
                    KeyId = Key.KeyId, IncludeKeyMaterial = IncludeKeyMaterial.ALL_KEY_MATERIAL, Marker = marker,
                }, Console.Caller, Console.Region, ct);
                materials.AddRange(page.Rotations ?? []);
                marker = page.Truncated == true ? page.NextMarker : null;
            }
            while (marker is not null);
        });
        Materials = materials;
    }
}
