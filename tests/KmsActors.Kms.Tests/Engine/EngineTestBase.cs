using System.Text.Json;
using Akka.Actor;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.TestKit;
using KmsActors.TestKit.Byok;
using KmsActors.Kms.Routing;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>
/// End-to-end tests through <see cref="KmsEngine"/>: engine actor → region → real key actors, on virtual time.
/// Helpers speak the AWS operations; <see cref="AssertRefusedUnchanged"/> checks an AWS error and that
/// DescribeKey and ListKeyRotations show the key exactly as before the refused call.
/// </summary>
public abstract class EngineTestBase : KmsTestKit
{
    /// <summary>
    /// Only RSA_2048 wrapping keys are pooled: every test class starts an ActorSystem, and a background RSA_4096
    /// generation per system would dominate the run. Tests that need RSA_3072/4096 get them on demand.
    /// </summary>
    private const string SmallPools = "kms.import.pool { RSA_2048 = 0, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 }";

    protected const string UsEast1 = "us-east-1";
    protected const string EuWest1 = "eu-west-1";

    protected EngineTestBase(string? hocon = null)
        : base(SmallPools + "\n" + hocon)
    {
        Engine = KmsEngine.Start(Sys);
        SettleOn(Engine.Actor);
        Audit = AuditRecorder.Start(Sys);
    }

    protected KmsEngine Engine { get; }

    protected AuditRecorder Audit { get; }

    protected async Task<KeyMetadata> CreateExternalKey(KeySpec spec = KeySpec.SYMMETRIC_DEFAULT, KeyUsageType? usage = null, bool multiRegion = false, string? region = null)
    {
        var response = await Engine.CreateKey(new CreateKeyRequest
        {
            Origin = OriginType.EXTERNAL,
            KeySpec = spec,
            KeyUsage = usage ?? DefaultUsage(spec),
            MultiRegion = multiRegion,
        }, region: region);
        return response.KeyMetadata!;
    }

    protected static KeyUsageType DefaultUsage(KeySpec spec) => spec switch
    {
        KeySpec.HMAC_224 or KeySpec.HMAC_256 or KeySpec.HMAC_384 or KeySpec.HMAC_512 => KeyUsageType.GENERATE_VERIFY_MAC,
        KeySpec.SYMMETRIC_DEFAULT => KeyUsageType.ENCRYPT_DECRYPT,
        KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096 => KeyUsageType.ENCRYPT_DECRYPT,
        _ => KeyUsageType.SIGN_VERIFY,
    };

    protected Task<GetParametersForImportResponse> Parameters(string keyId, AlgorithmSpec algorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256,
        WrappingKeySpec wrappingKeySpec = WrappingKeySpec.RSA_2048, string? region = null) =>
        Engine.GetParametersForImport(new GetParametersForImportRequest { KeyId = keyId, WrappingAlgorithm = algorithm, WrappingKeySpec = wrappingKeySpec }, region: region);

    /// <summary>GetParametersForImport, wrap on the client side, ImportKeyMaterial. <paramref name="validTo"/> null: KEY_MATERIAL_DOES_NOT_EXPIRE.</summary>
    protected async Task<ImportKeyMaterialResponse> Import(string keyId, byte[] material, DateTimeOffset? validTo = null,
        AlgorithmSpec algorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec wrappingKeySpec = WrappingKeySpec.RSA_2048,
        ImportType? importType = null, string? region = null)
    {
        var parameters = await Parameters(keyId, algorithm, wrappingKeySpec, region);
        return await Engine.ImportKeyMaterial(Request(keyId, parameters, KeyMaterialWrapper.Wrap(parameters.PublicKey!, algorithm, material), validTo, importType), region: region);
    }

    protected static ImportKeyMaterialRequest Request(string keyId, GetParametersForImportResponse parameters, byte[] wrapped,
        DateTimeOffset? validTo = null, ImportType? importType = null) => new()
        {
            KeyId = keyId,
            ImportToken = parameters.ImportToken,
            EncryptedKeyMaterial = wrapped,
            ExpirationModel = validTo is null ? ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE : ExpirationModelType.KEY_MATERIAL_EXPIRES,
            ValidTo = validTo,
            ImportType = importType,
        };

    /// <summary>CreateKey Origin=EXTERNAL and import fresh (cached for RSA) material that does not expire.</summary>
    protected async Task<(KeyMetadata Key, byte[] Material)> ImportedKey(KeySpec spec = KeySpec.SYMMETRIC_DEFAULT, KeyUsageType? usage = null, string? region = null)
    {
        var key = await CreateExternalKey(spec, usage, region: region);
        var material = spec is KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096 ? KeyMaterial.CreateCached(spec) : KeyMaterial.Create(spec);
        await Import(key.KeyId!, material, region: region);
        return (key, material);
    }

    protected async Task<KeyMetadata> Describe(string keyId, string? region = null) =>
        (await Engine.DescribeKey(new DescribeKeyRequest { KeyId = keyId }, region: region)).KeyMetadata!;

    protected async Task<IReadOnlyList<RotationsListEntry>> Rotations(string keyId, string? region = null) =>
        (await Engine.ListKeyRotations(new ListKeyRotationsRequest { KeyId = keyId, IncludeKeyMaterial = IncludeKeyMaterial.ALL_KEY_MATERIAL }, region: region)).Rotations!;

    /// <summary>What DescribeKey and ListKeyRotations (ALL_KEY_MATERIAL) show of a key, as comparable text.</summary>
    protected async Task<string> Observable(string keyId, string? region = null)
    {
        var metadata = JsonSerializer.Serialize(await Describe(keyId, region));
        string rotations;
        try
        {
            rotations = JsonSerializer.Serialize(await Rotations(keyId, region));
        }
        catch (KmsException e)
        {
            rotations = e.ErrorCode; // asymmetric and HMAC keys have no rotations
        }
        return metadata + "\n" + rotations;
    }

    /// <summary>The call fails with <paramref name="errorCode"/> (and <paramref name="message"/> when given).</summary>
    protected static async Task<KmsException> AssertRefused(Func<Task> call, string errorCode, string? message = null)
    {
        var error = await Assert.ThrowsAsync<KmsException>(call);
        Assert.Equal(errorCode, error.ErrorCode);
        if (message is not null)
            Assert.Equal(message, error.Message);
        return error;
    }

    /// <summary>As <see cref="AssertRefused"/>, and DescribeKey / ListKeyRotations of <paramref name="keyId"/> are unchanged.</summary>
    protected async Task<KmsException> AssertRefusedUnchanged(string keyId, Func<Task> call, string errorCode, string? message = null, string? region = null)
    {
        var before = await Observable(keyId, region);
        var error = await AssertRefused(call, errorCode, message);
        Assert.Equal(before, await Observable(keyId, region));
        return error;
    }

    /// <summary>The running key actor of <paramref name="keyId"/> (started if passivated, by a DescribeKey).</summary>
    protected async Task<IActorRef> KeyActor(string keyId, string region = UsEast1)
    {
        await Describe(keyId, region);
        return await Sys.ActorSelection($"/user/{KmsEngineActor.Name}/111122223333-{region}/{keyId}").ResolveOne(TimeSpan.FromSeconds(5));
    }

    /// <summary>The one audit record named <paramref name="eventName"/>, once everything published so far is recorded (<see cref="Audited"/>).</summary>
    protected async Task<KmsActors.Kms.Audit.AuditRecord> SingleAudit(string eventName)
    {
        await Audited();
        return Assert.Single(Audit.Named(eventName));
    }

    /// <summary>Asserts <paramref name="condition"/> of the audit records once everything published so far is recorded.</summary>
    protected async Task AssertAudited(Func<bool> condition)
    {
        await Audited();
        Assert.True(condition(), "The audit records do not hold the condition after the engine settled.");
    }

    /// <summary>
    /// Returns once every audit record the engine has published is in <see cref="Audit"/>: an actor publishes a call's
    /// record as it answers (sometimes just after), and the recorder hears the EventStream asynchronously. The engine's
    /// settle barrier (a few rounds, for messages between related keys) and then the recorder's flush make that certain,
    /// without a wait on the wall clock.
    /// </summary>
    protected async Task Audited()
    {
        await RelatedKeysSynchronized();
        await Audit.FlushAsync();
    }

    /// <summary>AWS: a new replica is Creating for a few seconds; moves the engine's clock past kms.multi-region.replica-creation-delay.</summary>
    protected Task ReplicaCreation() => AdvanceAsync(KmsSettings.From(Sys).ReplicaCreationDelay);

    /// <summary>Lets the messages between related multi-Region keys (a primary's change, a replica's answer) arrive:
    /// each settle round carries them one hop further (key → region → engine → region → key).</summary>
    protected Task RelatedKeysSynchronized() => AdvanceAsync(TimeSpan.Zero);

    protected static Dictionary<string, string> Context(string purpose) => new() { ["purpose"] = purpose };
}
