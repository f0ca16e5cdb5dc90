using Akka.Actor;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Settling;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>Deletion on virtual time, creation refusals, Settle, and crypto with generated (AWS_KMS) material.</summary>
public sealed class KeyActorLifecycleTests : KeyActorFixture
{
    [Fact]
    public void a_key_is_deleted_at_its_deletion_date_and_the_region_is_told()
    {
        var (key, created) = CreateKey(new CreateKeyRequest(), settle: false);
        var audit = CreateTestProbe();
        Sys.EventStream.Subscribe(audit, typeof(AuditRecord));
        var scheduled = Call<ScheduleKeyDeletionResponse>(key, new ScheduleKeyDeletionRequest { KeyId = "k", PendingWindowInDays = 7 });
        Assert.Equal(EngineNow.AddDays(7), scheduled.DeletionDate);
        Parent.ExpectMsg<KeyStatusChanged>(s => s.NextDueDate == scheduled.DeletionDate);
        Watch(key);

        // Not Advance: it settles on the key, and a deleted key stops instead of answering.
        Scheduler.Advance(TimeSpan.FromDays(7));

        Parent.FishForMessage(m => m is KeyStatusChanged { Deleted: true });
        ExpectTerminated(key);
        audit.FishForMessage(m => m is AuditRecord { EventName: "DeleteKey" });
        Assert.NotNull(created.Arn);
    }

    [Fact]
    public void a_refused_create_key_answers_the_error_tells_the_region_and_stops()
    {
        var keyId = Guid.NewGuid().ToString();
        var actor = StartKey(keyId);
        Watch(actor);
        actor.Tell(new InitializeKey(Command(new CreateKeyRequest { KeySpec = KeySpec.RSA_2048 }), keyId));
        var error = Assert.IsType<KmsException>(ExpectMsg<Akka.Actor.Status.Failure>().Cause);
        Assert.Equal("You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.", error.Message);
        Parent.ExpectMsg<KeyCreationFailed>(f => f.KeyId == keyId);
        ExpectTerminated(actor);
    }

    [Fact]
    public void settle_is_answered_after_what_came_before()
    {
        var (key, _) = CreateKey(new CreateKeyRequest());
        key.Tell(Command(new DisableKeyRequest { KeyId = "k" }));
        key.Tell(KmsActors.Kms.Settling.Settle.Instance);
        ExpectMsg<EmptyResponse>();
        ExpectMsg<Settled>();
    }

    [Fact]
    public void hmac_keys_generate_and_verify_macs_and_refuse_the_wrong_algorithm()
    {
        var (key, created) = CreateKey(new CreateKeyRequest { KeySpec = KeySpec.HMAC_224, KeyUsage = KeyUsageType.GENERATE_VERIFY_MAC });
        var mac = Call<GenerateMacResponse>(key, new GenerateMacRequest { KeyId = "k", Message = [1], MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_224 });
        Assert.True(Call<VerifyMacResponse>(key, new VerifyMacRequest { KeyId = "k", Message = [1], Mac = mac.Mac, MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_224 }).MacValid);
        Refused(key, new VerifyMacRequest { KeyId = "k", Message = [2], Mac = mac.Mac, MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_224 }, KmsErrorCodes.KMSInvalidMacException, null); // AWS: no message
        Refused(key, new GenerateMacRequest { KeyId = "k", Message = [1], MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256 }, KmsErrorCodes.InvalidKeyUsageException,
            "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.");
        Refused(key, new EncryptRequest { KeyId = "k", Plaintext = [1] }, KmsErrorCodes.InvalidKeyUsageException,
            $"{created.Arn} key usage is GENERATE_VERIFY_MAC which is not valid for Encrypt.");
    }

    [Fact]
    public void ecc_keys_sign_verify_and_publish_their_public_key()
    {
        var (key, _) = CreateKey(new CreateKeyRequest { KeySpec = KeySpec.ECC_NIST_P256, KeyUsage = KeyUsageType.SIGN_VERIFY });
        var signed = Call<SignResponse>(key, new SignRequest { KeyId = "k", Message = [1, 2], SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 });
        Assert.True(Call<VerifyResponse>(key, new VerifyRequest { KeyId = "k", Message = [1, 2], Signature = signed.Signature, SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 }).SignatureValid);
        var publicKey = Call<GetPublicKeyResponse>(key, new GetPublicKeyRequest { KeyId = "k" });
        using var ecdsa = System.Security.Cryptography.ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(publicKey.PublicKey, out _);
        Assert.True(ecdsa.VerifyData(new byte[] { 1, 2 }, signed.Signature!, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void on_demand_rotation_keeps_old_ciphertexts_decryptable()
    {
        var (key, _) = CreateKey(new CreateKeyRequest());
        var old = Call<EncryptResponse>(key, new EncryptRequest { KeyId = "k", Plaintext = [7] }).CiphertextBlob;
        Call<RotateKeyOnDemandResponse>(key, new RotateKeyOnDemandRequest { KeyId = "k" });
        var fresh = Call<GenerateDataKeyResponse>(key, new GenerateDataKeyRequest { KeyId = "k", KeySpec = DataKeySpec.AES_256 });
        var oldPlain = Call<DecryptResponse>(key, new DecryptRequest { CiphertextBlob = old });
        var freshPlain = Call<DecryptResponse>(key, new DecryptRequest { CiphertextBlob = fresh.CiphertextBlob });
        Assert.Equal([7], oldPlain.Plaintext!);
        Assert.Equal(fresh.Plaintext, freshPlain.Plaintext);
        Assert.NotEqual(oldPlain.KeyMaterialId, freshPlain.KeyMaterialId);
    }

    [Fact]
    public void re_encrypt_hands_the_plaintext_to_the_destination_through_the_region()
    {
        var (source, _) = CreateKey(new CreateKeyRequest());
        var (destination, destinationMetadata) = CreateKey(new CreateKeyRequest());
        var blob = Call<EncryptResponse>(source, new EncryptRequest { KeyId = "k", Plaintext = [5] }).CiphertextBlob;
        source.Tell(Command(new ReEncryptRequest { CiphertextBlob = blob, DestinationKeyId = destinationMetadata.KeyId }));
        var handOff = Parent.FishForMessage<ReEncryptDestination>(m => m is ReEncryptDestination);
        destination.Tell(handOff); // what the RegionActor does after resolving DestinationKeyId
        var reEncrypted = ExpectMsg<ReEncryptResponse>();
        Assert.Equal(destinationMetadata.Arn, reEncrypted.KeyId);
        Assert.Equal([5], Call<DecryptResponse>(destination, new DecryptRequest { CiphertextBlob = reEncrypted.CiphertextBlob }).Plaintext!);
    }
}
