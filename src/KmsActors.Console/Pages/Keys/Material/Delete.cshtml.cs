using Akka.Actor;
using KmsActors.Console.Infrastructure;
using KmsActors.Console.Infrastructure.Material;
using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Mvc;

namespace KmsActors.Console.Pages.Keys.Material;

/// <summary>
/// Delete key material, after a confirmation (docs/console.md, docs/byok.md "Expiry and DeleteImportedKeyMaterial"):
/// DeleteImportedKeyMaterial as the console principal; the key goes to PendingImport until the same material is
/// reimported. Symmetric keys may name one of their materials (ListKeyRotations); by default the current one.
/// </summary>
public sealed class DeleteModel(ConsoleContext console, ActorSystem system) : MaterialPageModel(console, system)
{
    [BindProperty]
    public bool Confirm { get; set; }

    [BindProperty]
    public string? KeyMaterialId { get; set; }

    /// <summary>The imported materials a symmetric key can name (empty for other keys: their one material is meant).</summary>
    public IReadOnlyList<RotationsListEntry> Materials { get; private set; } = [];

    /// <summary>Shown when Delete was chosen without ticking the confirmation: nothing is called.</summary>
    public bool ConfirmMissing { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await Load(ct))
            return Page();
        if (!Confirm)
        {
            ConfirmMissing = true;
            return Page();
        }
        var request = new DeleteImportedKeyMaterialRequest
        {
            KeyId = Key!.KeyId,
            KeyMaterialId = string.IsNullOrEmpty(KeyMaterialId) ? null : KeyMaterialId,
        };
        if (!await Try(() => Console.Kms.DeleteImportedKeyMaterial(request, Console.Caller, Console.Region, ct)))
            return Page();
        return Redirect(Console.Link(MaterialPath + "?notice=deleted"));
    }

    private async Task<bool> Load(CancellationToken ct)
    {
        if (!await LoadKey(ct))
            return false;
        if (Key!.KeySpec == KeySpec.SYMMETRIC_DEFAULT && Key.Origin == OriginType.EXTERNAL)
        {
            // The list only offers a choice: refused (e.g. no kms:ListKeyRotations), the current material is deleted.
            try
            {
                var listed = await Console.Kms.ListKeyRotations(new ListKeyRotationsRequest
                {
                    KeyId = Key.KeyId, IncludeKeyMaterial = IncludeKeyMaterial.ALL_KEY_MATERIAL, Limit = 1000,
                }, Console.Caller, Console.Region, ct);
                Materials = listed.Rotations?.Where(m => m.ImportState == ImportState.IMPORTED).ToList() ?? [];
            }
            catch (KmsException)
            {
                Materials = [];
            }
        }
        return true;
    }
}
