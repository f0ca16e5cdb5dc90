using KmsActors.Console.Infrastructure;
using KmsActors.Kms.Model;
using Microsoft.AspNetCore.Mvc;

namespace KmsActors.Console.Pages.Keys;

/// <summary>
/// Create key (docs/console.md), the AWS console's steps as fieldsets of one form: configure key (type, usage, spec,
/// Advanced options: key material origin with the imported-key acknowledgement, regionality), labels (alias,
/// description, tags), key administrators and key users, written into the key policy as the console writes it
/// (<see cref="ConsoleKeyPolicy"/>). Then CreateKey (tags included) and CreateAlias, as the console principal.
/// </summary>
public sealed class CreateModel(ConsoleContext console) : ConsolePageModel(console)
{
    public const string AcknowledgementText = "I understand the security, availability, and durability implications of using an imported key";

    public static readonly KeySpec[] AsymmetricSpecs =
    [
        KeySpec.RSA_2048, KeySpec.RSA_3072, KeySpec.RSA_4096, KeySpec.ECC_NIST_P256, KeySpec.ECC_NIST_P384, KeySpec.ECC_NIST_P521,
        KeySpec.ECC_SECG_P256K1, KeySpec.ECC_NIST_EDWARDS25519, KeySpec.ML_DSA_44, KeySpec.ML_DSA_65, KeySpec.ML_DSA_87, KeySpec.SM2,
    ];

    public static readonly KeySpec[] HmacSpecs = [KeySpec.HMAC_224, KeySpec.HMAC_256, KeySpec.HMAC_384, KeySpec.HMAC_512];

    public sealed class TagRow
    {
        public string? Key { get; set; }

        public string? Value { get; set; }
    }

    [BindProperty] public string KeyType { get; set; } = "Symmetric";

    /// <summary>Chosen for asymmetric keys; symmetric keys encrypt and decrypt, HMAC keys generate and verify MACs.</summary>
    [BindProperty] public KeyUsageType Usage { get; set; } = KeyUsageType.ENCRYPT_DECRYPT;

    [BindProperty] public KeySpec AsymmetricSpec { get; set; } = KeySpec.RSA_2048;

    [BindProperty] public KeySpec HmacSpec { get; set; } = KeySpec.HMAC_256;

    [BindProperty] public OriginType Origin { get; set; } = OriginType.AWS_KMS;

    [BindProperty] public bool Acknowledged { get; set; }

    [BindProperty] public bool MultiRegion { get; set; }

    [BindProperty] public string? Alias { get; set; }

    [BindProperty] public string? Description { get; set; }

    [BindProperty] public List<TagRow> Tags { get; set; } = [new()];

    [BindProperty] public string? Administrators { get; set; }

    [BindProperty] public bool AllowAdministratorsToDelete { get; set; } = true;

    [BindProperty] public string? Users { get; set; }

    /// <summary>A problem with the form itself (no call was made), shown above it.</summary>
    public string? FormError { get; private set; }

    public KeySpec Spec => KeyType switch { "Asymmetric" => AsymmetricSpec, "HMAC" => HmacSpec, _ => KeySpec.SYMMETRIC_DEFAULT };

    public KeyUsageType EffectiveUsage => KeyType switch
    {
        "Asymmetric" => Usage,
        "HMAC" => KeyUsageType.GENERATE_VERIFY_MAC,
        _ => KeyUsageType.ENCRYPT_DECRYPT,
    };

    public string PolicyPreview => Policy().ToJson();

    public void OnGet()
    {
    }

    /// <summary>"Add tag" without script: the form comes back with one more empty row.</summary>
    public IActionResult OnPostAddTag()
    {
        Tags.Add(new TagRow());
        return Page();
    }

    public IActionResult OnPostRemoveTag(int index)
    {
        if (index >= 0 && index < Tags.Count)
            Tags.RemoveAt(index);
        if (Tags.Count == 0)
            Tags.Add(new TagRow());
        ModelState.Clear(); // the rows are re-rendered from Tags, not from the posted (shifted) values
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Origin == OriginType.EXTERNAL && !Acknowledged)
        {
            FormError = $"To create a key for imported key material, select the check box: {AcknowledgementText}.";
            return Page();
        }
        var alias = string.IsNullOrWhiteSpace(Alias) ? null : ConsoleAliases.Qualified(Alias.Trim());
        // As AWS's console does, an alias that is taken is refused before anything is created.
        if (alias is not null && (await ConsoleAliases.ListAsync(Console, null, ct)).Any(a => a.AliasName == alias))
        {
            Error = new KmsException(KmsErrorCodes.AlreadyExistsException,
                $"An alias with the name arn:aws:kms:{Console.Region}:{Console.Caller.AccountId}:{alias} already exists");
            return Page();
        }
        var tags = Tags.Where(t => !string.IsNullOrWhiteSpace(t.Key))
            .Select(t => new Tag { TagKey = t.Key!.Trim(), TagValue = t.Value ?? "" }).ToList();
        CreateKeyResponse? created = null;
        var ok = await Try(async () => created = await Console.Kms.CreateKey(new CreateKeyRequest
        {
            KeySpec = Spec,
            KeyUsage = EffectiveUsage,
            Origin = Origin,
            MultiRegion = MultiRegion ? true : null,
            Description = Description ?? "",
            Tags = tags.Count == 0 ? null : tags,
            Policy = Policy().ToJson(),
        }, Console.Caller, Console.Region, ct));
        if (!ok || created?.KeyMetadata?.KeyId is not { } keyId)
            return Page();
        if (alias is not null && !await Try(() => Console.Kms.CreateAlias(new CreateAliasRequest { AliasName = alias, TargetKeyId = keyId }, Console.Caller, Console.Region, ct)))
            KeyNotices.AliasNotCreated(TempData, alias, Error!);
        else
            KeyNotices.Created(TempData, keyId);
        return Redirect(Console.Link($"/console/keys/{keyId}"));
    }

    private ConsoleKeyPolicy Policy() => new(Console.Caller.AccountId, ConsoleKeyPolicy.ParsePrincipals(Administrators),
        ConsoleKeyPolicy.ParsePrincipals(Users), AllowAdministratorsToDelete, Spec, EffectiveUsage, Origin, MultiRegion);
}
