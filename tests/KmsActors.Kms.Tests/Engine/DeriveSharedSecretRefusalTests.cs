using System.Security.Cryptography;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>DeriveSharedSecret refusals through the engine (docs/derive-shared-secret.md): key state, key usage, a peer
/// key on another curve or no SPKI at all, a Recipient, DryRun — each AWS's error, each leaving the key as it was.</summary>
public sealed class DeriveSharedSecretRefusalTests : EngineTestBase
{
    private static readonly Lazy<byte[]> PeerP256 = new(() =>
    {
        using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        return peer.ExportSubjectPublicKeyInfo();
    });

    private async Task<KeyMetadata> AgreementKey(KeySpec spec = KeySpec.ECC_NIST_P256) =>
        (await Engine.CreateKey(new CreateKeyRequest { KeySpec = spec, KeyUsage = KeyUsageType.KEY_AGREEMENT })).KeyMetadata!;

    private static DeriveSharedSecretRequest Request(string keyId, byte[]? publicKey = null) =>
        new() { KeyId = keyId, KeyAgreementAlgorithm = KeyAgreementAlgorithmSpec.ECDH, PublicKey = publicKey ?? PeerP256.Value };

    [Fact]
    public async Task a_disabled_key_answers_disabled_exception()
    {
        var key = await AgreementKey();
        await Engine.DisableKey(new DisableKeyRequest { KeyId = key.KeyId });

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.DeriveSharedSecret(Request(key.KeyId!)), KmsErrorCodes.DisabledException, $"{key.Arn} is disabled.");
    }

    [Fact]
    public async Task a_key_pending_import_answers_invalid_state()
    {
        var key = await CreateExternalKey(KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT);

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.DeriveSharedSecret(Request(key.KeyId!)), KmsErrorCodes.KMSInvalidStateException, $"{key.Arn} is pending import.");
    }

    [Fact]
    public async Task a_key_pending_deletion_answers_invalid_state()
    {
        var key = await AgreementKey();
        await Engine.ScheduleKeyDeletion(new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = 7 });

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.DeriveSharedSecret(Request(key.KeyId!)), KmsErrorCodes.KMSInvalidStateException, $"{key.Arn} is pending deletion.");
    }

    [Fact]
    public async Task a_signing_key_and_a_symmetric_key_answer_invalid_key_usage()
    {
        var signer = (await Engine.CreateKey(new CreateKeyRequest { KeySpec = KeySpec.ECC_NIST_P256, KeyUsage = KeyUsageType.SIGN_VERIFY })).KeyMetadata!;
        var symmetric = (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;

        await AssertRefusedUnchanged(signer.KeyId!, () => Engine.DeriveSharedSecret(Request(signer.KeyId!)), KmsErrorCodes.InvalidKeyUsageException,
            $"{signer.Arn} key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.");
        await AssertRefusedUnchanged(symmetric.KeyId!, () => Engine.DeriveSharedSecret(Request(symmetric.KeyId!)), KmsErrorCodes.InvalidKeyUsageException,
            $"{symmetric.Arn} key usage is ENCRYPT_DECRYPT which is not valid for DeriveSharedSecret.");
    }

    [Fact]
    public async Task a_peer_key_on_another_curve_is_a_validation_error()
    {
        var key = await AgreementKey(KeySpec.ECC_NIST_P384);

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.DeriveSharedSecret(Request(key.KeyId!)), KmsErrorCodes.ValidationException,
            "PublicKey must be an elliptic curve public key on the curve of the KMS key: key spec ECC_NIST_P384 uses P-384.");
    }

    [Fact]
    public async Task bytes_that_are_no_subject_public_key_info_are_a_validation_error()
    {
        var key = await AgreementKey();

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.DeriveSharedSecret(Request(key.KeyId!, "InvalidPublicKey"u8.ToArray())), KmsErrorCodes.ValidationException,
            "PublicKey must be a DER-encoded X.509 public key (SubjectPublicKeyInfo, RFC 5280).");
    }

    [Fact]
    public async Task a_missing_public_key_is_a_validation_error()
    {
        var key = await AgreementKey();

        await AssertRefused(() => Engine.DeriveSharedSecret(Request(key.KeyId!) with { PublicKey = null }), KmsErrorCodes.ValidationException,
            "1 validation error detected: Value null at 'publicKey' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task a_recipient_attestation_document_is_refused_as_unsupported()
    {
        var key = await AgreementKey();
        var request = Request(key.KeyId!) with
        {
            Recipient = new RecipientInfo { KeyEncryptionAlgorithm = KeyEncryptionMechanism.RSAES_OAEP_SHA_256, AttestationDocument = [1, 2, 3] },
        };

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.DeriveSharedSecret(request), KmsErrorCodes.UnsupportedOperationException,
            "Recipient (Nitro Enclaves attestation) is not supported by KmsActors.");
    }

    [Fact]
    public async Task dry_run_answers_dry_run_operation_exception_after_every_other_check()
    {
        var key = await AgreementKey();

        await AssertRefusedUnchanged(key.KeyId!, () => Engine.DeriveSharedSecret(Request(key.KeyId!) with { DryRun = true }), KmsErrorCodes.DryRunOperationException,
            "The request would have succeeded, but the DryRun option is set.");
        await AssertRefused(() => Engine.DeriveSharedSecret(Request(key.KeyId!, [0x30]) with { DryRun = true }), KmsErrorCodes.ValidationException);
    }

    [Fact]
    public async Task secp256k1_keys_cannot_be_created_for_key_agreement()
    {
        await AssertRefused(() => Engine.CreateKey(new CreateKeyRequest { KeySpec = KeySpec.ECC_SECG_P256K1, KeyUsage = KeyUsageType.KEY_AGREEMENT }),
            KmsErrorCodes.ValidationException, "KeyUsage KEY_AGREEMENT is not compatible with KeySpec ECC_SECG_P256K1");
    }

    [Fact]
    public async Task a_refused_call_is_audited_with_its_error_and_no_response()
    {
        var key = await AgreementKey();
        await Engine.DisableKey(new DisableKeyRequest { KeyId = key.KeyId });

        await AssertRefused(() => Engine.DeriveSharedSecret(Request(key.KeyId!)), KmsErrorCodes.DisabledException);

        var record = await SingleAudit("DeriveSharedSecret");
        Assert.Equal((KmsErrorCodes.DisabledException, $"{key.Arn} is disabled."), (record.ErrorCode, record.ErrorMessage));
        Assert.Null(record.ResponseElements);
    }
}
