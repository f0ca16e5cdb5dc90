using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Server.Tests.Support;
using KmsActors.TestKit.Byok;
using KmsModel = KmsActors.Kms.Model;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>
/// The BYOK steps spoken through the AWS SDK for .NET against <see cref="EngineServerFixture"/>: CreateKey
/// Origin=EXTERNAL, GetParametersForImport, wrap on the client side with the TestKit, ImportKeyMaterial.
/// </summary>
public abstract class SdkTestBase(EngineServerFixture fixture) : IDisposable
{
    protected const string Account = "111122223333";

    /// <summary>A client signing for us-east-1.</summary>
    protected AmazonKeyManagementServiceClient Kms { get; } = fixture.Client();

    protected EngineServerFixture Fixture { get; } = fixture;

    public void Dispose()
    {
        Kms.Dispose();
        GC.SuppressFinalize(this);
    }

    protected static MemoryStream Stream(byte[] bytes) => new(bytes);

    protected static KmsModel.AlgorithmSpec ModelAlgorithm(AlgorithmSpec algorithm) => Enum.Parse<KmsModel.AlgorithmSpec>(algorithm.Value);

    protected static Dictionary<string, string> Context(string purpose) => new() { ["purpose"] = purpose };

    protected static async Task<KeyMetadata> CreateExternalKey(IAmazonKeyManagementService kms, KeySpec? spec = null, KeyUsageType? usage = null, bool multiRegion = false)
    {
        spec ??= KeySpec.SYMMETRIC_DEFAULT;
        var response = await kms.CreateKeyAsync(new CreateKeyRequest
        {
            Origin = OriginType.EXTERNAL,
            KeySpec = spec,
            KeyUsage = usage ?? DefaultUsage(spec),
            MultiRegion = multiRegion,
        });
        return response.KeyMetadata;
    }

    protected Task<KeyMetadata> CreateExternalKey(KeySpec? spec = null, KeyUsageType? usage = null) => CreateExternalKey(Kms, spec, usage);

    private static KeyUsageType DefaultUsage(KeySpec spec) =>
        spec.Value.StartsWith("HMAC_", StringComparison.Ordinal) ? KeyUsageType.GENERATE_VERIFY_MAC
        : spec == KeySpec.SYMMETRIC_DEFAULT || spec.Value.StartsWith("RSA_", StringComparison.Ordinal) ? KeyUsageType.ENCRYPT_DECRYPT
        : KeyUsageType.SIGN_VERIFY;

    protected static Task<GetParametersForImportResponse> Parameters(IAmazonKeyManagementService kms, string keyId, AlgorithmSpec? algorithm = null, WrappingKeySpec? wrappingKeySpec = null) =>
        kms.GetParametersForImportAsync(new GetParametersForImportRequest
        {
            KeyId = keyId,
            WrappingAlgorithm = algorithm ?? AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256,
            WrappingKeySpec = wrappingKeySpec ?? WrappingKeySpec.RSA_2048,
        });

    protected Task<GetParametersForImportResponse> Parameters(string keyId, AlgorithmSpec? algorithm = null, WrappingKeySpec? wrappingKeySpec = null) =>
        Parameters(Kms, keyId, algorithm, wrappingKeySpec);

    /// <summary>Wraps <paramref name="material"/> under the parameters' public key with <paramref name="algorithm"/>.</summary>
    protected static byte[] Wrap(GetParametersForImportResponse parameters, byte[] material, AlgorithmSpec? algorithm = null) =>
        KeyMaterialWrapper.Wrap(parameters.PublicKey.ToArray(), ModelAlgorithm(algorithm ?? AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256), material);

    /// <summary>An ImportKeyMaterial request; <paramref name="validTo"/> null: KEY_MATERIAL_DOES_NOT_EXPIRE.</summary>
    protected static ImportKeyMaterialRequest Request(string keyId, GetParametersForImportResponse parameters, byte[] wrapped, DateTime? validTo = null) => new()
    {
        KeyId = keyId,
        ImportToken = Stream(parameters.ImportToken.ToArray()),
        EncryptedKeyMaterial = Stream(wrapped),
        ExpirationModel = validTo is null ? ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE : ExpirationModelType.KEY_MATERIAL_EXPIRES,
        ValidTo = validTo,
    };

    /// <summary>GetParametersForImport, wrap, ImportKeyMaterial (material that does not expire).</summary>
    protected static async Task<ImportKeyMaterialResponse> Import(IAmazonKeyManagementService kms, string keyId, byte[] material, AlgorithmSpec? algorithm = null)
    {
        var parameters = await Parameters(kms, keyId, algorithm);
        return await kms.ImportKeyMaterialAsync(Request(keyId, parameters, Wrap(parameters, material, algorithm)));
    }

    protected Task<ImportKeyMaterialResponse> Import(string keyId, byte[] material, AlgorithmSpec? algorithm = null) => Import(Kms, keyId, material, algorithm);

    /// <summary>An EXTERNAL key with fresh material imported (cached for RSA).</summary>
    protected async Task<(KeyMetadata Key, byte[] Material)> ImportedKey(KeySpec? spec = null, KeyUsageType? usage = null)
    {
        var key = await CreateExternalKey(spec, usage);
        var modelSpec = Enum.Parse<KmsModel.KeySpec>(key.KeySpec.Value);
        var material = key.KeySpec.Value.StartsWith("RSA_", StringComparison.Ordinal) ? KeyMaterial.CreateCached(modelSpec) : KeyMaterial.Create(modelSpec);
        await Import(key.KeyId, material);
        return (key, material);
    }

    protected async Task<KeyMetadata> Describe(string keyId, IAmazonKeyManagementService? kms = null) =>
        (await (kms ?? Kms).DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata;

    /// <summary>The call fails with exactly <typeparamref name="T"/> (and <paramref name="message"/> when given).</summary>
    protected static async Task<T> Refused<T>(Func<Task> call, string? message = null)
        where T : AmazonKeyManagementServiceException
    {
        var error = await Assert.ThrowsAsync<T>(call);
        if (message is not null)
            Assert.Equal(message, error.Message);
        return error;
    }

    /// <summary>The SDK has no ValidationException type: it is the service exception with that error code.</summary>
    protected static async Task<AmazonKeyManagementServiceException> RefusedAsValidation(Func<Task> call, string? message = null)
    {
        var error = await Refused<AmazonKeyManagementServiceException>(call, message);
        Assert.Equal("ValidationException", error.ErrorCode);
        return error;
    }

    /// <summary>AWS: ReplicateKey answers the replica Creating; it is created (Enabled, or PendingImport) once
    /// kms.multi-region.replica-creation-delay (2 s) has passed on the engine's clock, which the virtual-time server
    /// moves at once.</summary>
    protected async Task<KeyMetadata> AwaitReplicaCreated(IAmazonKeyManagementService kms, string replicaArn)
    {
        await Assert.IsType<VirtualTimeServerFixture>(Fixture).AdvanceAsync(TimeSpan.FromSeconds(2));
        var created = await Describe(replicaArn, kms);
        Assert.NotEqual(KeyState.Creating, created.KeyState);
        return created;
    }

    /// <summary>The key is still pending import, as before the refused call.</summary>
    protected async Task AssertStillPendingImport(string keyId, IAmazonKeyManagementService? kms = null)
    {
        var metadata = await Describe(keyId, kms);
        Assert.Equal(KeyState.PendingImport, metadata.KeyState);
        Assert.False(metadata.Enabled);
    }
}
