using KmsActors.Console.Infrastructure;
using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Mvc;

namespace KmsActors.Console.Pages.Keys;

/// <summary>Schedule key deletion (docs/console.md): a waiting period of 7–30 days (30 by default) and the console's
/// confirmation check box; then ScheduleKeyDeletion as the console principal.</summary>
public sealed class ScheduleDeletionModel(ConsoleContext console) : KeyDetailPageModel(console)
{
    [BindProperty] public int WaitingPeriod { get; set; } = 30;

    [BindProperty] public bool Confirmed { get; set; }

    public string? FormError { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Confirmed)
        {
            FormError = "Select the check box to confirm that you want to schedule this key for deletion.";
            await LoadAsync(ct);
            return Page();
        }
        // The waiting period goes to KMS as typed: a value outside 7–30 is refused by KMS with its own message.
        return await ActAsync(() => Console.Kms.ScheduleKeyDeletion(
                new ScheduleKeyDeletionRequest { KeyId = KeyId, PendingWindowInDays = WaitingPeriod }, Console.Caller, Console.Region, ct),
            $"The key is scheduled for deletion after a waiting period of {WaitingPeriod} days.", "", ct);
    }
}
