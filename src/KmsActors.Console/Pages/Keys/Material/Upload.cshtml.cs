using Akka.Actor;
using KmsActors.Console.Infrastructure;
using KmsActors.Console.Infrastructure.Material;
using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace KmsActors.Console.Pages.Keys.Material;

/// <summary>
/// Upload key material (docs/console.md, docs/byok.md "ImportKeyMaterial"): the wrapped key material file, the import
/// token file, the expiration option (and, for symmetric keys, the import type and a description). Every refusal is the
/// engine's (or, past the request limit, AWS's ValidationException) and changes nothing; the choices are kept.
/// The form is read by <see cref="MaterialUploadForm"/>, not model-bound, and its antiforgery token checked after.
/// </summary>
[IgnoreAntiforgeryToken] // checked in OnPostAsync once the multipart body is read (an over-limit body must still get AWS's answer)
[RequestSizeLimit(MaterialUploadForm.RequestSizeLimit)]
public sealed class UploadModel(ConsoleContext console, ActorSystem system, IAntiforgery antiforgery) : MaterialPageModel(console, system)
{
    public const string Expires = nameof(ExpirationModelType.KEY_MATERIAL_EXPIRES);
    public const string DoesNotExpire = nameof(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE);

    /// <summary>KEY_MATERIAL_DOES_NOT_EXPIRE or KEY_MATERIAL_EXPIRES (radio).</summary>
    public string ExpirationModel { get; private set; } = DoesNotExpire;

    /// <summary>The expiry as the datetime-local input gives it, read as UTC.</summary>
    public string? ValidTo { get; private set; }

    /// <summary>Empty (KMS decides: new for a key that never had material, else existing), EXISTING_KEY_MATERIAL or NEW_KEY_MATERIAL.</summary>
    public string? ImportType { get; private set; }

    public string? KeyMaterialDescription { get; private set; }

    /// <summary>Import type and description apply to symmetric encryption keys (on-demand rotation of imported material).</summary>
    public bool OffersImportType => Key?.KeySpec == KeySpec.SYMMETRIC_DEFAULT;

    public string ValidToMin => MaterialTimes.Local(Now.AddMinutes(1));

    public string ValidToMax => MaterialTimes.Local(Now.AddDays(MaterialTimes.MaxValidToDays));

    public async Task OnGetAsync(CancellationToken ct) => await LoadKey(ct);

    // No handler parameters (not even a CancellationToken): binding any would read the form before MaterialUploadForm does.
    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var form = await MaterialUploadForm.Read(Request, ct);
        ExpirationModel = form.Field(nameof(ExpirationModel)) is Expires ? Expires : DoesNotExpire;
        ValidTo = form.Field(nameof(ValidTo));
        ImportType = form.Field(nameof(ImportType));
        KeyMaterialDescription = form.Field(nameof(KeyMaterialDescription));
        if (form.TooLarge is null)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(HttpContext);
            }
            catch (AntiforgeryValidationException)
            {
                return BadRequest();
            }
        }
        if (!await LoadKey(ct))
            return Page();
        if (form.TooLarge is not null)
        {
            Error = form.TooLarge;
            return Page();
        }
        var request = new ImportKeyMaterialRequest
        {
            KeyId = Key!.KeyId,
            EncryptedKeyMaterial = form.EncryptedKeyMaterial,
            ImportToken = form.ImportToken,
            ExpirationModel = Enum.Parse<ExpirationModelType>(ExpirationModel),
            // An unreadable or empty date is sent as none: AWS's answer is "A validTo date must be set …".
            ValidTo = ExpirationModel == Expires ? MaterialTimes.ParseLocal(ValidTo) : null,
            ImportType = OffersImportType && Enum.TryParse<ImportType>(ImportType, out var importType) ? importType : null,
            KeyMaterialDescription = OffersImportType && !string.IsNullOrEmpty(KeyMaterialDescription) ? KeyMaterialDescription : null,
        };
        if (!await Try(() => Console.Kms.ImportKeyMaterial(request, Console.Caller, Console.Region, ct)))
            return Page();
        return Redirect(Console.Link(MaterialPath + "?notice=imported"));
    }
}
