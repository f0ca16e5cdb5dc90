using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Server.Tests.Support;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>
/// Errors AWS answers without a <c>message</c> member (docs/check-order.md), as the AWS SDK for .NET sees them: the
/// modeled exception type, and the SDK's own Message for a body that carries none.
/// </summary>
public sealed class SdkMessagelessErrorTests(EngineServerFixture fixture) : SdkTestBase(fixture), IClassFixture<EngineServerFixture>
{
    [Fact]
    public async Task verify_with_a_bad_signature_is_KMSInvalidSignatureException_without_a_message()
    {
        var (key, _) = await ImportedKey(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);

        var error = await Refused<KMSInvalidSignatureException>(() => Kms.VerifyAsync(new VerifyRequest
        {
            KeyId = key.KeyId, Message = Stream([1, 2, 3]), Signature = Stream(new byte[70]), SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256,
        }));

        AssertNoMessage(error);
    }

    [Fact]
    public async Task decrypt_of_a_garbled_ciphertext_is_InvalidCiphertextException_without_a_message()
    {
        var (key, _) = await ImportedKey();
        var blob = (await Kms.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = Stream([1]) })).CiphertextBlob.ToArray();
        blob[^1] ^= 0xFF;

        var error = await Refused<InvalidCiphertextException>(() => Kms.DecryptAsync(new DecryptRequest { KeyId = key.KeyId, CiphertextBlob = Stream(blob) }));

        AssertNoMessage(error);
    }

    [Fact]
    public async Task verify_mac_with_a_bad_mac_is_KMSInvalidMacException_without_a_message()
    {
        var (key, _) = await ImportedKey(KeySpec.HMAC_256);

        var error = await Refused<KMSInvalidMacException>(() => Kms.VerifyMacAsync(new VerifyMacRequest
        {
            KeyId = key.KeyId, Message = Stream([1]), Mac = Stream(new byte[32]), MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256,
        }));

        AssertNoMessage(error);
    }

    [Fact]
    public async Task rotate_key_on_demand_of_an_asymmetric_key_is_UnsupportedOperationException_without_a_message()
    {
        var (key, _) = await ImportedKey(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);

        var error = await Refused<UnsupportedOperationException>(() => Kms.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = key.KeyId }));

        AssertNoMessage(error);
    }

    [Fact]
    public async Task rotate_key_on_demand_of_a_disabled_asymmetric_key_is_DisabledException()
    {
        var (key, _) = await ImportedKey(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        await Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = key.KeyId });

        await Refused<DisabledException>(() => Kms.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = key.KeyId }), $"{key.Arn} is disabled.");
    }

    /// <summary>
    /// When the body has no message member, the AWS SDK for .NET (AWSSDK.Core 4) makes its Message from the error code
    /// and the raw body — which shows that the body is the bare <c>{"__type":…}</c>.
    /// </summary>
    private static void AssertNoMessage(AmazonKeyManagementServiceException error) =>
        Assert.Equal($$"""The service returned an error with Error Code {{error.ErrorCode}} and HTTP Body: {"__type":"{{error.ErrorCode}}"}""", error.Message);
}
