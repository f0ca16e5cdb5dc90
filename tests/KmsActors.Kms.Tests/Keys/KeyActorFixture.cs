using Akka.Actor;
using Akka.TestKit;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.TestKit;
using KmsActors.TestKit.Byok;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>Actor-test helpers: key actors under a probe parent (standing in for the RegionActor), calls as KmsCommands.</summary>
public abstract class KeyActorFixture : KmsTestKit
{
    protected const string Account = "111122223333";
    protected const string Region = "us-east-1";

    // 2 cores: background RSA generation slows first replies, hence the longer expect default.
    protected KeyActorFixture(string passivateAfter = "0s") : base($"kms.passivate-after = {passivateAfter}\nakka.test.single-expect-default = 10s")
    {
        Parent = CreateTestProbe("region");
        // As the region does: answer the caller of a call that changed the key's status once it is indexed.
        Parent.SetAutoPilot(new DelegateAutoPilot((_, message) =>
        {
            if (message is ReplyWhenIndexed reply)
                reply.ReplyTo.Tell(reply.Response);
            return AutoPilot.KeepRunning;
        }));
        Parent.IgnoreMessages<ReplyWhenIndexed>();
    }

    /// <summary>Receives what a RegionActor would: NewKeyPersisted, KeyStatusChanged, ReEncryptDestination, ReplicateTo.</summary>
    protected TestProbe Parent { get; }

    protected static KmsCommand Command(object request, string region = Region) =>
        new(request, CallerIdentity.Root(Account), region, Guid.NewGuid().ToString());

    protected IActorRef StartKey(string keyId) => Parent.ChildActorOf(KeyActor.Props(keyId, Account, Region), keyId);

    protected (IActorRef Actor, KeyMetadata Metadata) CreateKey(CreateKeyRequest request, bool settle = true)
    {
        var keyId = request.MultiRegion == true ? "mrk-" + Guid.NewGuid().ToString("N") : Guid.NewGuid().ToString();
        var actor = StartKey(keyId);
        if (settle)
            SettleOn(actor);
        actor.Tell(new InitializeKey(Command(request), keyId));
        // The key reports its first status and hands its answer to the region (in that order; either would do).
        Parent.ExpectMsg<KeyStatusChanged>(s => s.KeyId == keyId);
        AnswerAsRegion(Parent.ExpectMsg<NewKeyPersisted>(p => p.Status.KeyId == keyId));
        var metadata = ExpectMsg<CreateKeyResponse>().KeyMetadata!;
        return (actor, metadata);
    }

    /// <summary>What the region does with a new key's answer once the key is indexed: tell it and audit the call.</summary>
    protected void AnswerAsRegion(NewKeyPersisted persisted)
    {
        persisted.ReplyTo.Tell(persisted.Reply);
        Sys.EventStream.Publish(persisted.Audit);
    }

    protected T Call<T>(IActorRef key, object request, TimeSpan? timeout = null)
    {
        key.Tell(Command(request));
        return ExpectMsg<T>(timeout);
    }

    /// <summary>The key refuses <paramref name="request"/> with <paramref name="code"/> and the wire message (null: none).</summary>
    protected KmsException Refused(IActorRef key, object request, string code, string? message)
    {
        key.Tell(Command(request));
        var error = Assert.IsType<KmsException>(ExpectMsg<Status.Failure>().Cause);
        Assert.Equal((code, message), (error.ErrorCode, error.ErrorMessage));
        return error;
    }

    protected KeyMetadata Describe(IActorRef key) => Call<DescribeKeyResponse>(key, new DescribeKeyRequest { KeyId = "k" }).KeyMetadata!;

    /// <summary>GetParametersForImport + client-side wrap, as a BYOK user does.</summary>
    protected ImportKeyMaterialRequest WrappedImport(IActorRef key, byte[] material, DateTimeOffset? validTo, AlgorithmSpec algorithm = AlgorithmSpec.RSAES_OAEP_SHA_256)
    {
        var parameters = Call<GetParametersForImportResponse>(key, new GetParametersForImportRequest { KeyId = "k", WrappingAlgorithm = algorithm, WrappingKeySpec = WrappingKeySpec.RSA_2048 },
            TimeSpan.FromSeconds(30)); // the first wrapping keys are generated when the actor system starts
        return new ImportKeyMaterialRequest
        {
            KeyId = "k",
            ImportToken = parameters.ImportToken,
            EncryptedKeyMaterial = KeyMaterialWrapper.Wrap(parameters.PublicKey!, algorithm, material),
            ExpirationModel = validTo is null ? ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE : ExpirationModelType.KEY_MATERIAL_EXPIRES,
            ValidTo = validTo,
        };
    }

    protected ImportKeyMaterialResponse Import(IActorRef key, byte[] material, DateTimeOffset? validTo = null)
    {
        var response = Call<ImportKeyMaterialResponse>(key, WrappedImport(key, material, validTo));
        Parent.ExpectMsg<KeyStatusChanged>();
        return response;
    }
}
