using System.Security.Cryptography;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Crypto;

/// <summary>Builds the crypto object for (key spec, material), and generates fresh material for Origin=AWS_KMS keys.</summary>
public static class KeyMaterialFactory
{
    /// <summary>The crypto object for material that already passed <see cref="KeyMaterialValidator"/> (or came from <see cref="Generate"/>).</summary>
    public static IKeyMaterial Create(KeySpec spec, ReadOnlySpan<byte> material) => spec switch
    {
        KeySpec.SYMMETRIC_DEFAULT => new SymmetricKeyMaterial(material),
        KeySpec.HMAC_224 or KeySpec.HMAC_256 or KeySpec.HMAC_384 or KeySpec.HMAC_512 => new HmacKeyMaterial(spec, material),
        KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096 => new RsaKeyMaterial(spec, material),
        KeySpec.ECC_NIST_P256 or KeySpec.ECC_NIST_P384 or KeySpec.ECC_NIST_P521 or KeySpec.ECC_SECG_P256K1 => new EccKeyMaterial(spec, material),
        KeySpec.SM2 => new Sm2KeyMaterial(material),
        _ => throw NotSupported(spec),
    };

    /// <summary>
    /// Fresh material in the same form an importer would supply: 32 random bytes (16 in China Regions), HMAC keys of
    /// the spec's minimum length, asymmetric keys as DER PKCS#8 on a named curve.
    /// </summary>
    public static byte[] Generate(KeySpec spec, bool chinaPartition = false)
    {
        switch (spec)
        {
            case KeySpec.SYMMETRIC_DEFAULT:
                return RandomNumberGenerator.GetBytes(chinaPartition ? 16 : 32);
            case KeySpec.HMAC_224 or KeySpec.HMAC_256 or KeySpec.HMAC_384 or KeySpec.HMAC_512:
                return RandomNumberGenerator.GetBytes(KeyMaterialValidator.HmacMinimumBytes(spec));
            case KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096:
                using (var rsa = RSA.Create(KeyMaterialValidator.RsaModulusBits(spec)))
                    return rsa.ExportPkcs8PrivateKey();
            case KeySpec.ECC_NIST_P256 or KeySpec.ECC_NIST_P384 or KeySpec.ECC_NIST_P521 or KeySpec.ECC_SECG_P256K1:
                using (var ecdsa = ECDsa.Create(EcCurve.ForSpec(spec)!.DotNetCurve))
                    return ecdsa.ExportPkcs8PrivateKey();
            case KeySpec.SM2:
                return Sm2Curve.Generate().Pkcs8;
            default:
                throw NotSupported(spec);
        }
    }

    private static KmsException NotSupported(KeySpec spec) =>
        KmsException.Unsupported($"Key spec {spec} is not supported by KmsActors.");
}
