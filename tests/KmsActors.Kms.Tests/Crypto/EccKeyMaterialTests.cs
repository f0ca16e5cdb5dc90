using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Crypto.Assertions;

namespace KmsActors.Kms.Tests.Crypto;

public class EccKeyMaterialTests
{
    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.ECDSA_SHA_256)]
    [InlineData(KeySpec.ECC_NIST_P384, SigningAlgorithmSpec.ECDSA_SHA_384)]
    [InlineData(KeySpec.ECC_NIST_P521, SigningAlgorithmSpec.ECDSA_SHA_512)]
    [InlineData(KeySpec.ECC_SECG_P256K1, SigningAlgorithmSpec.ECDSA_SHA_256)]
    public void der_signatures_verify_offline_with_the_public_key(KeySpec spec, SigningAlgorithmSpec algorithm)
    {
        using var key = new EccKeyMaterial(spec, KeyMaterialFactory.Generate(spec));
        Assert.Equal(algorithm, key.SigningAlgorithm);
        var message = "to be signed"u8.ToArray();
        var signature = key.Sign(algorithm, MessageType.RAW, message);

        Assert.Equal(0x30, signature[0]);
        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(key.PublicKeyDer, out _);
        Assert.True(verifier.VerifyData(message, signature, SignatureDigests.HashOf(algorithm), DSASignatureFormat.Rfc3279DerSequence));

        var digest = SignatureDigests.Digest(algorithm, MessageType.RAW, message);
        Assert.True(key.Verify(algorithm, MessageType.DIGEST, digest, signature));
        Assert.False(key.Verify(algorithm, MessageType.RAW, "tampered"u8, signature));
        Assert.False(key.Verify(algorithm, MessageType.RAW, message, [0x30, 0x00]));
    }

    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.ECDSA_SHA_384)]
    [InlineData(KeySpec.ECC_NIST_P384, SigningAlgorithmSpec.ECDSA_SHA_256)]
    [InlineData(KeySpec.ECC_NIST_P521, SigningAlgorithmSpec.RSASSA_PSS_SHA_512)]
    public void algorithm_aws_does_not_pair_with_the_curve_is_invalid_key_usage(KeySpec spec, SigningAlgorithmSpec algorithm)
    {
        using var key = new EccKeyMaterial(spec, KeyMaterialFactory.Generate(spec));
        var error = ThrowsKms(KmsErrorCodes.InvalidKeyUsageException, () => key.Sign(algorithm, MessageType.RAW, "x"u8));
        Assert.Equal($"Algorithm {algorithm} is incompatible with key spec {spec}.", error.Message);
    }

    [Fact]
    public void digest_of_the_wrong_length_is_a_validation_exception()
    {
        using var key = new EccKeyMaterial(KeySpec.ECC_NIST_P256, KeyMaterialFactory.Generate(KeySpec.ECC_NIST_P256));
        var error = ThrowsKms(KmsErrorCodes.ValidationException, () => key.Sign(SigningAlgorithmSpec.ECDSA_SHA_256, MessageType.DIGEST, new byte[20]));
        Assert.Equal("Digest is invalid length for algorithm ECDSA_SHA_256.", error.Message);
    }

    [Fact]
    public void imported_key_with_a_compressed_point_signs_and_reports_the_right_public_key()
    {
        var parameters = TestKeys.NewEcKey(EcCurve.P384);
        var material = TestKeys.EcPkcs8(EcCurve.P384.Oid, parameters.D!, parameters.Q.X!, parameters.Q.Y!, TestKeys.PointForm.Compressed);
        using var key = new EccKeyMaterial(KeySpec.ECC_NIST_P384, material);
        using var expected = ECDsa.Create(parameters);
        Assert.Equal(expected.ExportSubjectPublicKeyInfo(), key.PublicKeyDer);
        Assert.True(expected.VerifyData("m"u8, key.Sign(SigningAlgorithmSpec.ECDSA_SHA_384, MessageType.RAW, "m"u8),
            HashAlgorithmName.SHA384, DSASignatureFormat.Rfc3279DerSequence));
    }
}
