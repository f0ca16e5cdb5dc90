using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.Server.Tests.Support;
using KmsActors.TestKit.Byok;
using KmsModel = KmsActors.Kms.Model;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>The BYOK flow through the AWS SDK for each kind of key: symmetric, HMAC, RSA and ECC.</summary>
public sealed class SdkByokRoundTripTests(EngineServerFixture fixture) : SdkTestBase(fixture), IClassFixture<EngineServerFixture>
{
    [Fact]
    public async Task symmetric_material_imported_through_the_sdk_encrypts_and_decrypts()
    {
        var key = await CreateExternalKey();
        var imported = await Import(key.KeyId, KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT));

        var encrypted = await Kms.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = Stream("payload"u8.ToArray()), EncryptionContext = Context("rt") });
        var decrypted = await Kms.DecryptAsync(new DecryptRequest { CiphertextBlob = Stream(encrypted.CiphertextBlob.ToArray()), EncryptionContext = Context("rt") });

        Assert.Equal(key.Arn, imported.KeyId);
        Assert.Equal("payload"u8.ToArray(), decrypted.Plaintext.ToArray());
        Assert.Equal(key.Arn, decrypted.KeyId);
        Assert.Equal(imported.KeyMaterialId, (await Describe(key.KeyId)).CurrentKeyMaterialId);
    }

    [Fact]
    public async Task hmac_material_generates_the_mac_the_client_computes_and_verifies_it()
    {
        var key = await CreateExternalKey(KeySpec.HMAC_256);
        var material = KeyMaterial.Create(KmsModel.KeySpec.HMAC_256);
        await Import(key.KeyId, material, AlgorithmSpec.RSAES_OAEP_SHA_256);
        var message = "message to authenticate"u8.ToArray();

        var mac = await Kms.GenerateMacAsync(new GenerateMacRequest { KeyId = key.KeyId, Message = Stream(message), MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256 });
        var verified = await Kms.VerifyMacAsync(new VerifyMacRequest
        {
            KeyId = key.KeyId, Message = Stream(message), MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256, Mac = Stream(mac.Mac.ToArray()),
        });

        Assert.Equal(HMACSHA256.HashData(material, message), mac.Mac.ToArray());
        Assert.True(verified.MacValid);
        await Refused<KMSInvalidMacException>(() => Kms.VerifyMacAsync(new VerifyMacRequest
        {
            KeyId = key.KeyId, Message = Stream([1]), MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256, Mac = Stream(mac.Mac.ToArray()),
        }));
    }

    [Fact]
    public async Task rsa_material_signs_and_verifies_and_its_public_key_is_the_clients_own()
    {
        var key = await CreateExternalKey(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
        var material = KeyMaterial.CreateCached(KmsModel.KeySpec.RSA_2048);
        await Import(key.KeyId, material, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256);
        using var client = RSA.Create();
        client.ImportPkcs8PrivateKey(material, out _);
        var message = "signed message"u8.ToArray();

        var publicKey = await Kms.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = key.KeyId });
        var signed = await Kms.SignAsync(new SignRequest { KeyId = key.KeyId, Message = Stream(message), SigningAlgorithm = SigningAlgorithmSpec.RSASSA_PSS_SHA_256 });
        var verified = await Kms.VerifyAsync(new VerifyRequest
        {
            KeyId = key.KeyId, Message = Stream(message), Signature = Stream(signed.Signature.ToArray()), SigningAlgorithm = SigningAlgorithmSpec.RSASSA_PSS_SHA_256,
        });

        Assert.Equal(client.ExportSubjectPublicKeyInfo(), publicKey.PublicKey.ToArray());
        Assert.Equal(KeySpec.RSA_2048, publicKey.KeySpec);
        Assert.True(verified.SignatureValid);
        Assert.True(client.VerifyData(message, signed.Signature.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
    }

    [Fact]
    public async Task ecc_material_signs_and_verifies_and_its_public_key_is_the_clients_own()
    {
        var key = await CreateExternalKey(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        var material = KeyMaterial.Create(KmsModel.KeySpec.ECC_NIST_P256);
        await Import(key.KeyId, material, AlgorithmSpec.RSAES_OAEP_SHA_256);
        using var client = ECDsa.Create();
        client.ImportPkcs8PrivateKey(material, out _);
        var message = "signed message"u8.ToArray();

        var publicKey = await Kms.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = key.KeyId });
        var signed = await Kms.SignAsync(new SignRequest { KeyId = key.KeyId, Message = Stream(message), SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 });
        var verified = await Kms.VerifyAsync(new VerifyRequest
        {
            KeyId = key.KeyId, Message = Stream(message), Signature = Stream(signed.Signature.ToArray()), SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256,
        });

        Assert.Equal(client.ExportSubjectPublicKeyInfo(), publicKey.PublicKey.ToArray());
        Assert.True(verified.SignatureValid);
        Assert.True(client.VerifyData(message, signed.Signature.ToArray(), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        await Refused<KMSInvalidSignatureException>(() => Kms.VerifyAsync(new VerifyRequest
        {
            KeyId = key.KeyId, Message = Stream([2]), Signature = Stream(signed.Signature.ToArray()), SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256,
        }));
    }
}
