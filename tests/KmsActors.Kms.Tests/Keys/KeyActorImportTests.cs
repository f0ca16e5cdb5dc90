using Akka.Actor;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>The BYOK path through a key actor: import, use, expiry on virtual time, errors that leave the key as it was.</summary>
public sealed class KeyActorImportTests : KeyActorFixture
{
    [Fact]
    public void imported_symmetric_material_encrypts_and_decrypts_and_expires_at_valid_to()
    {
        var (key, created) = CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL });
        Assert.Equal(KeyState.PendingImport, created.KeyState);
        var audit = CreateTestProbe();
        Sys.EventStream.Subscribe(audit, typeof(AuditRecord));

        var response = Import(key, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), EngineNow.AddDays(1));
        Assert.Equal(created.Arn, response.KeyId);
        Assert.Equal(KeyState.Enabled, Describe(key).KeyState);

        var encrypted = Call<EncryptResponse>(key, new EncryptRequest { KeyId = "k", Plaintext = [1, 2, 3], EncryptionContext = new Dictionary<string, string> { ["a"] = "b" } });
        var decrypted = Call<DecryptResponse>(key, new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob, EncryptionContext = new Dictionary<string, string> { ["a"] = "b" } });
        Assert.Equal([1, 2, 3], decrypted.Plaintext!);
        Assert.Equal(response.KeyMaterialId, decrypted.KeyMaterialId);
        Refused(key, new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob }, KmsErrorCodes.InvalidCiphertextException, null); // AWS: no message

        Advance(TimeSpan.FromDays(1));

        var metadata = Describe(key);
        Assert.Equal((KeyState.PendingImport, (ExpirationModelType?)null, response.KeyMaterialId), (metadata.KeyState!.Value, metadata.ExpirationModel, metadata.CurrentKeyMaterialId));
        audit.FishForMessage(m => m is AuditRecord { EventName: "DeleteExpiredKeyMaterial" });
        Refused(key, new EncryptRequest { KeyId = "k", Plaintext = [1] }, KmsErrorCodes.KMSInvalidStateException, $"{created.Arn} is pending import.");
    }

    [Fact]
    public void an_import_token_works_once()
    {
        var (key, created) = CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL });
        var material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        var request = WrappedImport(key, material, null);
        Call<ImportKeyMaterialResponse>(key, request);
        Refused(key, request, KmsErrorCodes.InvalidImportTokenException, "The import token has already been used. Call GetParametersForImport for a new public key and import token.");
        Assert.Equal(KeyState.Enabled, Describe(key).KeyState);
    }

    [Fact]
    public void material_of_the_wrong_length_is_incorrect_key_material_and_the_key_stays_pending_import()
    {
        var (key, _) = CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL });
        key.Tell(Command(WrappedImport(key, new byte[16], null)));
        var error = Assert.IsType<KmsException>(ExpectMsg<Status.Failure>().Cause);
        Assert.Equal(KmsErrorCodes.IncorrectKeyMaterialException, error.ErrorCode);
        Assert.Equal(KeyState.PendingImport, Describe(key).KeyState);
    }

    [Fact]
    public void different_material_cannot_be_reimported()
    {
        var (key, created) = CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL });
        Import(key, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT));
        Refused(key, WrappedImport(key, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), null), KmsErrorCodes.IncorrectKeyMaterialException,
            $"The key material does not match the key material previously imported into {created.Arn}.");
    }

    [Fact]
    public void a_token_of_another_key_is_an_invalid_import_token()
    {
        var (first, _) = CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL });
        var (second, _) = CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL });
        var request = WrappedImport(first, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), null);
        second.Tell(Command(request));
        Assert.Equal(KmsErrorCodes.InvalidImportTokenException, Assert.IsType<KmsException>(ExpectMsg<Status.Failure>().Cause).ErrorCode);
        Assert.Equal(KeyState.PendingImport, Describe(second).KeyState);
    }

    [Fact]
    public void a_ciphertext_of_another_key_is_an_incorrect_key()
    {
        var material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        var (first, _) = CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL });
        var (second, _) = CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL });
        Import(first, material);
        Import(second, material); // same material, different key: not interoperable (AWS)
        var blob = Call<EncryptResponse>(first, new EncryptRequest { KeyId = "k", Plaintext = [9] }).CiphertextBlob;
        Refused(second, new DecryptRequest { KeyId = "k", CiphertextBlob = blob }, KmsErrorCodes.IncorrectKeyException,
            "The key ID in the request does not identify a CMK that can perform this operation.");
    }

    [Fact]
    public void plaintext_over_4096_bytes_is_a_validation_error()
    {
        // The model's check runs in the region, before a call reaches the key actor.
        var error = Assert.Throws<KmsException>(() => RequestValidation.Check(new EncryptRequest { KeyId = "k", Plaintext = new byte[4097] }, "us-east-1"));
        Assert.Equal((KmsErrorCodes.ValidationException, "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096"),
            (error.ErrorCode, error.Message));
    }

    [Fact]
    public void a_valid_to_that_passed_while_the_key_was_down_deletes_the_material_on_recovery()
    {
        var (key, created) = CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL });
        Import(key, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), EngineNow.AddDays(3));
        Watch(key);
        Sys.Stop(key);
        ExpectTerminated(key);
        Scheduler.Advance(TimeSpan.FromDays(4)); // no actor alive: only the clock moves

        var restarted = StartKey(created.KeyId!);
        Parent.FishForMessage(m => m is KeyStatusChanged { State: KeyState.PendingImport });
        Assert.Equal(KeyState.PendingImport, Describe(restarted).KeyState);
    }
}
