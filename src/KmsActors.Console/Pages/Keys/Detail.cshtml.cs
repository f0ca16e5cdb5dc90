using KmsActors.Console.Infrastructure;
using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Mvc;

namespace KmsActors.Console.Pages.Keys;

/// <summary>A key's General configuration (docs/console.md), and the key actions of the header: Enable, Disable,
/// Cancel key deletion (Schedule key deletion has its own confirmation page), and the editable description.</summary>
public sealed class DetailModel(ConsoleContext console) : KeyDetailPageModel(console)
{
    [BindProperty] public string? Description { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct))
            Description = Key!.Description;
    }

    public Task<IActionResult> OnPostEnableAsync(CancellationToken ct) =>
        ActAsync(() => Console.Kms.EnableKey(new EnableKeyRequest { KeyId = KeyId }, Console.Caller, Console.Region, ct), "The key was enabled.", "", ct);

    public Task<IActionResult> OnPostDisableAsync(CancellationToken ct) =>
        ActAsync(() => Console.Kms.DisableKey(new DisableKeyRequest { KeyId = KeyId }, Console.Caller, Console.Region, ct), "The key was disabled.", "", ct);

    public Task<IActionResult> OnPostCancelDeletionAsync(CancellationToken ct) =>
        ActAsync(() => Console.Kms.CancelKeyDeletion(new CancelKeyDeletionRequest { KeyId = KeyId }, Console.Caller, Console.Region, ct),
            "Key deletion was canceled. The key is disabled: enable it to use it again.", "", ct);

    public Task<IActionResult> OnPostDescriptionAsync(CancellationToken ct) =>
        ActAsync(() => Console.Kms.UpdateKeyDescription(new UpdateKeyDescriptionRequest { KeyId = KeyId, Description = Description ?? "" },
            Console.Caller, Console.Region, ct), "The description was saved.", "", ct);
}
