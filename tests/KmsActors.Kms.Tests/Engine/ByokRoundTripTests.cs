using System.Security.Cryptography;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>Every BYOK path through the engine: import each importable key spec, then use the key (docs/byok.md).</summary>
public sealed class ByokRoundTripTests : EngineTestBase
{
    [Theory]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_1)]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1)]
    [InlineData(AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256)]
    public async Task symmetric_material_imported_with_each_wrapping_algorithm_encrypts_and_decrypts(AlgorithmSpec algorithm)
    {
        var key = await CreateExternalKey();
        var imported = await Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), algorithm: algorithm);

        var described = await Describe(key.KeyId!);
        Assert.Equal(KeyState.Enabled, described.KeyState);
        Assert.Equal(imported.KeyMaterialId, described.CurrentKeyMaterialId);
        Assert.Equal(key.Arn, imported.KeyId);

        var encrypted = await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = "payload"u8.ToArray(), EncryptionContext = Context("rt") });
        var decrypted = await Engine.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob, EncryptionContext = Context("rt") });
        Assert.Equal("payload"u8.ToArray(), decrypted.Plaintext);
        Assert.Equal(key.Arn, decrypted.KeyId);
        Assert.Equal(imported.KeyMaterialId, decrypted.KeyMaterialId);
    }

    [Theory]
    [InlineData(KeySpec.HMAC_224, MacAlgorithmSpec.HMAC_SHA_224)]
    [InlineData(KeySpec.HMAC_256, MacAlgorithmSpec.HMAC_SHA_256)]
    [InlineData(KeySpec.HMAC_384, MacAlgorithmSpec.HMAC_SHA_384)]
    [InlineData(KeySpec.HMAC_512, MacAlgorithmSpec.HMAC_SHA_512)]
    public async Task hmac_material_of_each_size_generates_the_macs_the_client_computes(KeySpec spec, MacAlgorithmSpec algorithm)
    {
        var key = await CreateExternalKey(spec);
        var material = KeyMaterial.Create(spec);
        await Import(key.KeyId!, material, algorithm: AlgorithmSpec.RSAES_OAEP_SHA_256);
        var message = "message to authenticate"u8.ToArray();

        var mac = await Engine.GenerateMac(new GenerateMacRequest { KeyId = key.KeyId, Message = message, MacAlgorithm = algorithm });
        var verified = await Engine.VerifyMac(new VerifyMacRequest { KeyId = key.KeyId, Message = message, MacAlgorithm = algorithm, Mac = mac.Mac });

        Assert.Equal(ClientHmac(spec, material, message), mac.Mac);
        Assert.True(verified.MacValid);
        Assert.Equal(KeyState.Enabled, (await Describe(key.KeyId!)).KeyState);
    }

    [Theory]
    [InlineData(KeySpec.RSA_2048)]
    [InlineData(KeySpec.RSA_3072)]
    [InlineData(KeySpec.RSA_4096)]
    public async Task rsa_material_signs_and_verifies_and_its_public_key_is_the_clients_own(KeySpec spec)
    {
        var key = await CreateExternalKey(spec, KeyUsageType.SIGN_VERIFY);
        var material = KeyMaterial.CreateCached(spec);
        await Import(key.KeyId!, material);
        using var client = RSA.Create();
        client.ImportPkcs8PrivateKey(material, out _);
        var message = "signed message"u8.ToArray();

        var publicKey = await Engine.GetPublicKey(new GetPublicKeyRequest { KeyId = key.KeyId });
        var signed = await Engine.Sign(new SignRequest { KeyId = key.KeyId, Message = message, SigningAlgorithm = SigningAlgorithmSpec.RSASSA_PSS_SHA_256 });
        var verified = await Engine.Verify(new VerifyRequest
        {
            KeyId = key.KeyId, Message = message, Signature = signed.Signature, SigningAlgorithm = SigningAlgorithmSpec.RSASSA_PSS_SHA_256,
        });

        Assert.Equal(client.ExportSubjectPublicKeyInfo(), publicKey.PublicKey);
        Assert.True(verified.SignatureValid);
        Assert.True(client.VerifyData(message, signed.Signature!, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
    }

    [Fact]
    public async Task rsa_encryption_material_decrypts_what_the_client_encrypts_with_the_public_key()
    {
        var key = await CreateExternalKey(KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
        var material = KeyMaterial.CreateCached(KeySpec.RSA_2048);
        await Import(key.KeyId!, material, algorithm: AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1);
        using var client = RSA.Create();
        client.ImportPkcs8PrivateKey(material, out _);

        var publicKey = await Engine.GetPublicKey(new GetPublicKeyRequest { KeyId = key.KeyId });
        var outside = client.Encrypt("from outside"u8.ToArray(), RSAEncryptionPadding.OaepSHA256);
        var decrypted = await Engine.Decrypt(new DecryptRequest
        {
            KeyId = key.KeyId, CiphertextBlob = outside, EncryptionAlgorithm = EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256,
        });
        var inside = await Engine.Encrypt(new EncryptRequest
        {
            KeyId = key.KeyId, Plaintext = "from inside"u8.ToArray(), EncryptionAlgorithm = EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1,
        });

        Assert.Equal(client.ExportSubjectPublicKeyInfo(), publicKey.PublicKey);
        Assert.Equal("from outside"u8.ToArray(), decrypted.Plaintext);
        Assert.Equal("from inside"u8.ToArray(), client.Decrypt(inside.CiphertextBlob!, RSAEncryptionPadding.OaepSHA1));
    }

    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.ECDSA_SHA_256, AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048)]
    [InlineData(KeySpec.ECC_NIST_P384, SigningAlgorithmSpec.ECDSA_SHA_384, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_2048)]
    [InlineData(KeySpec.ECC_NIST_P521, SigningAlgorithmSpec.ECDSA_SHA_512, AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_3072)]
    [InlineData(KeySpec.ECC_SECG_P256K1, SigningAlgorithmSpec.ECDSA_SHA_256, AlgorithmSpec.RSAES_OAEP_SHA_1, WrappingKeySpec.RSA_2048)]
    public async Task ecc_material_on_each_curve_signs_and_verifies_and_its_public_key_is_the_clients_own(
        KeySpec spec, SigningAlgorithmSpec algorithm, AlgorithmSpec wrapping, WrappingKeySpec wrappingKeySpec)
    {
        var key = await CreateExternalKey(spec, KeyUsageType.SIGN_VERIFY);
        var material = KeyMaterial.Create(spec);
        await Import(key.KeyId!, material, algorithm: wrapping, wrappingKeySpec: wrappingKeySpec);
        using var client = ECDsa.Create();
        client.ImportPkcs8PrivateKey(material, out _);
        var message = "signed message"u8.ToArray();

        var publicKey = await Engine.GetPublicKey(new GetPublicKeyRequest { KeyId = key.KeyId });
        var signed = await Engine.Sign(new SignRequest { KeyId = key.KeyId, Message = message, SigningAlgorithm = algorithm });
        var verified = await Engine.Verify(new VerifyRequest { KeyId = key.KeyId, Message = message, Signature = signed.Signature, SigningAlgorithm = algorithm });

        Assert.Equal(client.ExportSubjectPublicKeyInfo(), publicKey.PublicKey);
        Assert.True(verified.SignatureValid);
        Assert.True(client.VerifyData(message, signed.Signature!, HashOf(algorithm), DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public async Task ecc_material_with_a_compressed_public_point_is_accepted()
    {
        var key = await CreateExternalKey(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        var material = KeyMaterial.EcCompressedPoint(KeySpec.ECC_NIST_P256);
        await Import(key.KeyId!, material);
        // .NET does not load compressed points; BouncyCastle derives the public key from the private scalar.
        var priv = (Org.BouncyCastle.Crypto.Parameters.ECPrivateKeyParameters)Org.BouncyCastle.Security.PrivateKeyFactory.CreateKey(material);
        var point = priv.Parameters.G.Multiply(priv.D).Normalize();
        using var client = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point.AffineXCoord.GetEncoded(), Y = point.AffineYCoord.GetEncoded() },
        });

        var publicKey = await Engine.GetPublicKey(new GetPublicKeyRequest { KeyId = key.KeyId });
        var signed = await Engine.Sign(new SignRequest { KeyId = key.KeyId, Message = "m"u8.ToArray(), SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 });

        Assert.Equal(KeyState.Enabled, (await Describe(key.KeyId!)).KeyState);
        Assert.Equal(client.ExportSubjectPublicKeyInfo(), publicKey.PublicKey);
        Assert.True(client.VerifyData("m"u8.ToArray(), signed.Signature!, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    private static byte[] ClientHmac(KeySpec spec, byte[] key, byte[] message) => spec switch
    {
        KeySpec.HMAC_224 => HmacSha224(key, message),
        KeySpec.HMAC_256 => HMACSHA256.HashData(key, message),
        KeySpec.HMAC_384 => HMACSHA384.HashData(key, message),
        _ => HMACSHA512.HashData(key, message),
    };

    /// <summary>.NET has no HMAC-SHA224; BouncyCastle computes it.</summary>
    private static byte[] HmacSha224(byte[] key, byte[] message)
    {
        var digest = new Org.BouncyCastle.Crypto.Macs.HMac(new Org.BouncyCastle.Crypto.Digests.Sha224Digest());
        digest.Init(new Org.BouncyCastle.Crypto.Parameters.KeyParameter(key));
        digest.BlockUpdate(message, 0, message.Length);
        var mac = new byte[digest.GetMacSize()];
        digest.DoFinal(mac, 0);
        return mac;
    }

    private static HashAlgorithmName HashOf(SigningAlgorithmSpec algorithm) => algorithm switch
    {
        SigningAlgorithmSpec.ECDSA_SHA_384 => HashAlgorithmName.SHA384,
        SigningAlgorithmSpec.ECDSA_SHA_512 => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };
}
