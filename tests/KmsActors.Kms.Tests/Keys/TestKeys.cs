using System.Security.Cryptography;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>Builds keys in every state through the rules themselves (Decide + Apply), as the key actor would.</summary>
internal static class TestKeys
{
    public const string Account = "111122223333";
    public const string Region = "us-east-1";
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static KeyContext Context(DateTimeOffset? now = null, string region = Region, string? newKeyId = null, GeneratedMaterial? generated = null, ValidatedImport? import = null) => new()
    {
        Now = now ?? T0,
        AccountId = Account,
        Region = region,
        NewKeyId = newKeyId,
        GeneratedMaterial = generated,
        Import = import,
    };

    /// <summary>Deterministic stand-in material: the rules never look inside, they compare IDs and commitments.</summary>
    public static GeneratedMaterial Material(int seed)
    {
        var bytes = SHA256.HashData(BitConverter.GetBytes(seed));
        return new GeneratedMaterial(Convert.ToHexStringLower(SHA256.HashData(bytes)), SHA512.HashData(bytes), bytes);
    }

    public static ValidatedImport ValidImport(GeneratedMaterial material, string? tokenId = null, DateTimeOffset? tokenValidTo = null) =>
        new(tokenId ?? Guid.NewGuid().ToString("N"), tokenValidTo ?? T0.AddHours(24), AlgorithmSpec.RSAES_OAEP_SHA_256, material.Material, material.KeyMaterialId, material.Commitment);

    public static string NewKeyId(bool multiRegion = false) =>
        multiRegion ? "mrk-" + Guid.NewGuid().ToString("N") : Guid.NewGuid().ToString("D");

    public static KmsKey Create(CreateKeyRequest request, KeyContext? context = null)
    {
        var c = context ?? Context(newKeyId: NewKeyId(request.MultiRegion ?? false), generated: Material(0));
        return Run(null, request, c);
    }

    /// <summary>Decides and applies every resulting event; the refusal (KmsException) propagates.</summary>
    public static KmsKey Run(KmsKey? key, object request, KeyContext context)
    {
        var decision = KeyRules.Decide(key, request, context);
        return decision.Events.Aggregate(key, (k, e) => KeyRules.Apply(k, e))!;
    }

    public static ImportKeyMaterialRequest ImportRequest(KmsKey key, ExpirationModelType model = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE, DateTimeOffset? validTo = null, ImportType? importType = null) => new()
    {
        KeyId = key.KeyId,
        ImportToken = [1],
        EncryptedKeyMaterial = [2],
        ExpirationModel = model,
        ValidTo = validTo,
        ImportType = importType,
    };

    public static KmsKey Imported(KmsKey key, GeneratedMaterial material, DateTimeOffset? validTo = null, ImportType? importType = null, DateTimeOffset? now = null) =>
        Run(key, ImportRequest(key, validTo is null ? ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE : ExpirationModelType.KEY_MATERIAL_EXPIRES, validTo, importType),
            Context(now, key.Region, import: ValidImport(material)));

    /// <summary>An EXTERNAL key of the given spec/usage in <paramref name="state"/> (material 1 imported unless PendingImport).</summary>
    public static KmsKey External(KeyState state, KeySpec spec = KeySpec.SYMMETRIC_DEFAULT, KeyUsageType? usage = null)
    {
        var key = Create(new CreateKeyRequest { Origin = OriginType.EXTERNAL, KeySpec = spec, KeyUsage = usage });
        return state == KeyState.PendingImport ? key : InState(Imported(key, Material(1)), state);
    }

    /// <summary>An AWS_KMS key in <paramref name="state"/> (Enabled, Disabled or PendingDeletion).</summary>
    public static KmsKey AwsKms(KeyState state, KeySpec spec = KeySpec.SYMMETRIC_DEFAULT, KeyUsageType? usage = null) =>
        InState(Create(new CreateKeyRequest { KeySpec = spec, KeyUsage = usage }), state);

    private static KmsKey InState(KmsKey enabled, KeyState state) => state switch
    {
        KeyState.Enabled => enabled,
        KeyState.Disabled => Run(enabled, new DisableKeyRequest { KeyId = enabled.KeyId }, Context()),
        KeyState.PendingDeletion => Run(enabled, new ScheduleKeyDeletionRequest { KeyId = enabled.KeyId }, Context()),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>Asserts the exact AWS error and returns it.</summary>
    public static KmsException Refused(string code, string message, Action action)
    {
        var error = Assert.Throws<KmsException>(action);
        Assert.Equal((code, message), (error.ErrorCode, error.Message));
        return error;
    }
}
