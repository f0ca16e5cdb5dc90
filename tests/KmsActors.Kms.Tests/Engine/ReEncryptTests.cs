using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>ReEncrypt between two imported keys: the source key decrypts, the region forwards the destination step to the destination key (docs/key-states.md).</summary>
public sealed class ReEncryptTests : EngineTestBase
{
    [Fact]
    public async Task reencrypt_moves_a_ciphertext_to_a_destination_named_by_alias()
    {
        var (source, _) = await ImportedKey();
        var (destination, _) = await ImportedKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/destination", TargetKeyId = destination.KeyId });
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = source.KeyId, Plaintext = "move me"u8.ToArray(), EncryptionContext = Context("src") })).CiphertextBlob;

        var moved = await Engine.ReEncrypt(new ReEncryptRequest
        {
            CiphertextBlob = ciphertext, SourceEncryptionContext = Context("src"),
            DestinationKeyId = "alias/destination", DestinationEncryptionContext = Context("dst"),
        });

        Assert.Equal(source.Arn, moved.SourceKeyId);
        Assert.Equal(destination.Arn, moved.KeyId);
        Assert.Equal((await Describe(source.KeyId!)).CurrentKeyMaterialId, moved.SourceKeyMaterialId);
        Assert.Equal((await Describe(destination.KeyId!)).CurrentKeyMaterialId, moved.DestinationKeyMaterialId);
        var decrypted = await Engine.Decrypt(new DecryptRequest { CiphertextBlob = moved.CiphertextBlob, EncryptionContext = Context("dst") });
        Assert.Equal("move me"u8.ToArray(), decrypted.Plaintext);
        Assert.Equal(destination.Arn, decrypted.KeyId);
        var audited = await SingleAudit("ReEncrypt");
        Assert.Null(audited.ErrorCode);
        Assert.Equal([source.Arn, destination.Arn], audited.Resources.Select(r => r.Arn));
    }

    [Fact]
    public async Task reencrypt_to_a_disabled_destination_is_rejected_and_both_keys_are_unchanged()
    {
        var (source, _) = await ImportedKey();
        var (destination, _) = await ImportedKey();
        await Engine.DisableKey(new DisableKeyRequest { KeyId = destination.KeyId });
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = source.KeyId, Plaintext = [1] })).CiphertextBlob;
        var sourceBefore = await Observable(source.KeyId!);

        await AssertRefusedUnchanged(destination.KeyId!, () => Engine.ReEncrypt(new ReEncryptRequest { CiphertextBlob = ciphertext, DestinationKeyId = destination.Arn }),
            KmsErrorCodes.DisabledException, $"{destination.Arn} is disabled.");

        Assert.Equal(sourceBefore, await Observable(source.KeyId!));
        var audited = await SingleAudit("ReEncrypt");
        Assert.Equal(KmsErrorCodes.DisabledException, audited.ErrorCode);
        Assert.Equal($"{destination.Arn} is disabled.", audited.ErrorMessage);
    }

    [Fact]
    public async Task reencrypt_to_a_pending_import_or_unknown_or_mac_destination_is_rejected()
    {
        var (source, _) = await ImportedKey();
        var pending = await CreateExternalKey();
        var (mac, _) = await ImportedKey(KeySpec.HMAC_256);
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = source.KeyId, Plaintext = [1] })).CiphertextBlob;

        await AssertRefusedUnchanged(pending.KeyId!, () => Engine.ReEncrypt(new ReEncryptRequest { CiphertextBlob = ciphertext, DestinationKeyId = pending.KeyId }),
            KmsErrorCodes.KMSInvalidStateException, $"{pending.Arn} is pending import.");
        await AssertRefused(() => Engine.ReEncrypt(new ReEncryptRequest { CiphertextBlob = ciphertext, DestinationKeyId = "alias/nowhere" }),
            KmsErrorCodes.NotFoundException, "Alias arn:aws:kms:us-east-1:111122223333:alias/nowhere is not found.");
        await AssertRefusedUnchanged(mac.KeyId!, () => Engine.ReEncrypt(new ReEncryptRequest { CiphertextBlob = ciphertext, DestinationKeyId = mac.KeyId }),
            KmsErrorCodes.InvalidKeyUsageException);
        await AssertAudited(() => Audit.Named("ReEncrypt").Count() >= 3);
        Assert.Equal(3, Audit.Named("ReEncrypt").Count(r => r.ErrorCode is not null));
    }

    [Fact]
    public async Task reencrypt_with_the_wrong_source_context_is_rejected_at_the_source()
    {
        var (source, _) = await ImportedKey();
        var (destination, _) = await ImportedKey();
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = source.KeyId, Plaintext = [1], EncryptionContext = Context("a") })).CiphertextBlob;

        await AssertRefusedUnchanged(source.KeyId!, () => Engine.ReEncrypt(new ReEncryptRequest
        {
            CiphertextBlob = ciphertext, SourceEncryptionContext = Context("b"), DestinationKeyId = destination.KeyId,
        }), KmsErrorCodes.InvalidCiphertextException);
        await AssertRefusedUnchanged(source.KeyId!, () => Engine.ReEncrypt(new ReEncryptRequest
        {
            CiphertextBlob = ciphertext, SourceKeyId = destination.KeyId, SourceEncryptionContext = Context("a"), DestinationKeyId = destination.KeyId,
        }), KmsErrorCodes.IncorrectKeyException);
    }

    [Fact]
    public async Task reencrypt_between_regions_is_not_possible_but_within_a_replica_region_it_is()
    {
        var (source, material) = await ImportedKey();
        var primary = await CreateExternalKey(multiRegion: true);
        await Import(primary.KeyId!, material);
        await Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = EuWest1 });
        await ReplicaCreation();
        await Import(primary.KeyId!, material, region: EuWest1);
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = source.KeyId, Plaintext = [5] })).CiphertextBlob;

        var moved = await Engine.ReEncrypt(new ReEncryptRequest { CiphertextBlob = ciphertext, DestinationKeyId = primary.KeyId });

        var inWest = await Engine.Decrypt(new DecryptRequest { CiphertextBlob = moved.CiphertextBlob }, region: EuWest1);
        Assert.Equal([5], inWest.Plaintext);
        Assert.Equal($"arn:aws:kms:eu-west-1:111122223333:key/{primary.KeyId}", inWest.KeyId);
        await AssertRefused(() => Engine.ReEncrypt(new ReEncryptRequest
        {
            CiphertextBlob = ciphertext, DestinationKeyId = $"arn:aws:kms:eu-west-1:111122223333:key/{primary.KeyId}",
        }), KmsErrorCodes.NotFoundException);
    }
}
