using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.TestKit.Tests.Byok;

public class KeyMaterialWrapperRefusalTests
{
    [Theory]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_1, 4096)]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256, 4096)]
    public void rsa_private_key_material_does_not_fit_one_step_oaep_and_the_message_says_what_to_use(AlgorithmSpec algorithm, int wrappingBits)
    {
        var material = KeyMaterial.CreateCached(KeySpec.RSA_2048);

        var error = Assert.Throws<ArgumentException>(
            () => KeyMaterialWrapper.Wrap(WrappingKeys.RsaPublicKeyDer(wrappingBits), algorithm, material));

        Assert.Equal("material", error.ParamName);
        Assert.Contains("RSA_AES_KEY_WRAP_SHA_256", error.Message);
        Assert.Contains($"RSA_{wrappingBits}", error.Message);
    }

    [Theory]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_1, 2048, false)]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256, 2048, false)]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256, 3072, true)]
    public void p521_material_fits_oaep_only_under_a_wrapping_key_larger_than_rsa_2048(AlgorithmSpec algorithm, int wrappingBits, bool fits)
    {
        var material = KeyMaterial.CreateCached(KeySpec.ECC_NIST_P521);
        var publicKey = WrappingKeys.RsaPublicKeyDer(wrappingBits);

        if (fits)
            Assert.Equal(material, Unwrap.WithRsa(WrappingKeys.Rsa(wrappingBits), algorithm, KeyMaterialWrapper.Wrap(publicKey, algorithm, material)));
        else
            Assert.Contains("at most", Assert.Throws<ArgumentException>(() => KeyMaterialWrapper.Wrap(publicKey, algorithm, material)).Message);
    }

    [Fact]
    public void sm2pke_refuses_an_rsa_wrapping_key_and_rsa_algorithms_refuse_an_sm2_key()
    {
        var material = KeyMaterial.CreateCached(KeySpec.SYMMETRIC_DEFAULT);

        var sm2Error = Assert.Throws<ArgumentException>(
            () => KeyMaterialWrapper.Wrap(WrappingKeys.RsaPublicKeyDer(2048), AlgorithmSpec.SM2PKE, material));
        var rsaError = Assert.Throws<ArgumentException>(
            () => KeyMaterialWrapper.Wrap(WrappingKeys.Sm2PublicKeyDer, AlgorithmSpec.RSAES_OAEP_SHA_256, material));

        Assert.Contains("SM2 wrapping public key", sm2Error.Message);
        Assert.Contains("RSA wrapping public key", rsaError.Message);
    }

    [Fact]
    public void an_ephemeral_aes_key_size_is_refused_for_one_step_algorithms_and_non_aes_sizes()
    {
        var publicKey = WrappingKeys.RsaPublicKeyDer(2048);
        var material = KeyMaterial.CreateCached(KeySpec.SYMMETRIC_DEFAULT);

        Assert.Throws<ArgumentException>(() => KeyMaterialWrapper.Wrap(publicKey, AlgorithmSpec.RSAES_OAEP_SHA_256, material, 32));
        Assert.Throws<ArgumentException>(() => KeyMaterialWrapper.Wrap(publicKey, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material, 20));
    }

    [Fact]
    public void a_public_key_that_is_not_der_spki_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(
            () => KeyMaterialWrapper.Wrap([0x01, 0x02, 0x03], AlgorithmSpec.RSAES_OAEP_SHA_256, new byte[32]));

        Assert.Equal("publicKeyDer", error.ParamName);
    }
}
