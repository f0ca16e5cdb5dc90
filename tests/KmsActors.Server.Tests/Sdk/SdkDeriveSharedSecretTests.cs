using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Server.Tests.Support;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>DeriveSharedSecret as the AWS SDK for .NET sees it (docs/derive-shared-secret.md): the secret matches the
/// peer's own ECDH, and the refusals arrive as the SDK's exception types.</summary>
public sealed class SdkDeriveSharedSecretTests(EngineServerFixture fixture) : SdkTestBase(fixture), IClassFixture<EngineServerFixture>
{
    private async Task<KeyMetadata> AgreementKey(KeySpec spec) =>
        (await Kms.CreateKeyAsync(new CreateKeyRequest { KeySpec = spec, KeyUsage = KeyUsageType.KEY_AGREEMENT })).KeyMetadata;

    private Task<DeriveSharedSecretResponse> Derive(string keyId, byte[] peerPublicKey, bool? dryRun = null) =>
        Kms.DeriveSharedSecretAsync(new DeriveSharedSecretRequest
        {
            KeyId = keyId,
            KeyAgreementAlgorithm = KeyAgreementAlgorithmSpec.ECDH,
            PublicKey = Stream(peerPublicKey),
            DryRun = dryRun,
        });

    [Fact]
    public async Task the_shared_secret_is_the_one_the_peer_derives_with_the_kms_public_key()
    {
        var key = await AgreementKey(KeySpec.ECC_NIST_P384);
        using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);

        var response = await Derive(key.KeyId, peer.ExportSubjectPublicKeyInfo());

        var publicKey = await Kms.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = key.KeyId });
        using var kms = ECDiffieHellman.Create();
        kms.ImportSubjectPublicKeyInfo(publicKey.PublicKey.ToArray(), out _);
        Assert.Equal(peer.DeriveRawSecretAgreement(kms.PublicKey), response.SharedSecret.ToArray());
        Assert.Equal((key.Arn, KeyAgreementAlgorithmSpec.ECDH, OriginType.AWS_KMS), (response.KeyId, response.KeyAgreementAlgorithm, response.KeyOrigin));
        Assert.Equal([KeyAgreementAlgorithmSpec.ECDH.Value], publicKey.KeyAgreementAlgorithms);
    }

    [Fact]
    public async Task a_signing_key_answers_invalid_key_usage()
    {
        var signer = (await Kms.CreateKeyAsync(new CreateKeyRequest { KeySpec = KeySpec.ECC_NIST_P256, KeyUsage = KeyUsageType.SIGN_VERIFY })).KeyMetadata;
        using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        await Refused<InvalidKeyUsageException>(() => Derive(signer.KeyId, peer.ExportSubjectPublicKeyInfo()),
            $"{signer.Arn} key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.");
    }

    [Fact]
    public async Task a_peer_key_on_another_curve_and_bytes_that_are_no_spki_are_validation_errors()
    {
        var key = await AgreementKey(KeySpec.ECC_NIST_P256);
        using var p521 = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP521);

        await RefusedAsValidation(() => Derive(key.KeyId, p521.ExportSubjectPublicKeyInfo()),
            "PublicKey must be an elliptic curve public key on the curve of the KMS key: key spec ECC_NIST_P256 uses P-256.");
        await RefusedAsValidation(() => Derive(key.KeyId, "InvalidPublicKey"u8.ToArray()));
    }

    [Fact]
    public async Task dry_run_answers_dry_run_operation_exception()
    {
        var key = await AgreementKey(KeySpec.ECC_NIST_P256);
        using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        await Refused<DryRunOperationException>(() => Derive(key.KeyId, peer.ExportSubjectPublicKeyInfo(), dryRun: true),
            "The request would have succeeded, but the DryRun option is set.");
    }
}
