using KmsActors.Kms.Model;
using E = KmsActors.Kms.Model.EncryptionAlgorithmSpec;
using S = KmsActors.Kms.Model.SigningAlgorithmSpec;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// Which key usages AWS allows per key spec at CreateKey, and the algorithm lists KeyMetadata shows for a
/// (key spec, key usage) pair. An empty list means KeyMetadata omits that member.
/// </summary>
public static class KeySpecAlgorithms
{
    private static readonly S[] RsaSigning =
    [
        S.RSASSA_PSS_SHA_256, S.RSASSA_PSS_SHA_384, S.RSASSA_PSS_SHA_512,
        S.RSASSA_PKCS1_V1_5_SHA_256, S.RSASSA_PKCS1_V1_5_SHA_384, S.RSASSA_PKCS1_V1_5_SHA_512,
    ];

    /// <summary>AWS CreateKey: the KeyUsage values each KeySpec accepts (the first one is not a default; KeyUsage defaults to ENCRYPT_DECRYPT).</summary>
    public static IReadOnlyList<KeyUsageType> AllowedKeyUsages(KeySpec spec) => spec switch
    {
        KeySpec.SYMMETRIC_DEFAULT => [KeyUsageType.ENCRYPT_DECRYPT],
        KeySpec.HMAC_224 or KeySpec.HMAC_256 or KeySpec.HMAC_384 or KeySpec.HMAC_512 => [KeyUsageType.GENERATE_VERIFY_MAC],
        KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096 => [KeyUsageType.ENCRYPT_DECRYPT, KeyUsageType.SIGN_VERIFY],
        KeySpec.ECC_NIST_P256 or KeySpec.ECC_NIST_P384 or KeySpec.ECC_NIST_P521 => [KeyUsageType.SIGN_VERIFY, KeyUsageType.KEY_AGREEMENT],
        KeySpec.ECC_SECG_P256K1 or KeySpec.ECC_NIST_EDWARDS25519 => [KeyUsageType.SIGN_VERIFY],
        KeySpec.ML_DSA_44 or KeySpec.ML_DSA_65 or KeySpec.ML_DSA_87 => [KeyUsageType.SIGN_VERIFY],
        KeySpec.SM2 => [KeyUsageType.ENCRYPT_DECRYPT, KeyUsageType.SIGN_VERIFY, KeyUsageType.KEY_AGREEMENT],
        _ => [],
    };

    public static bool IsAllowed(KeySpec spec, KeyUsageType usage) => AllowedKeyUsages(spec).Contains(usage);

    public static IReadOnlyList<E> EncryptionAlgorithms(KeySpec spec, KeyUsageType usage) =>
        usage != KeyUsageType.ENCRYPT_DECRYPT || !IsAllowed(spec, usage) ? [] : spec switch
        {
            KeySpec.SYMMETRIC_DEFAULT => [E.SYMMETRIC_DEFAULT],
            KeySpec.SM2 => [E.SM2PKE],
            _ => [E.RSAES_OAEP_SHA_1, E.RSAES_OAEP_SHA_256],
        };

    public static IReadOnlyList<S> SigningAlgorithms(KeySpec spec, KeyUsageType usage) =>
        usage != KeyUsageType.SIGN_VERIFY || !IsAllowed(spec, usage) ? [] : spec switch
        {
            KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096 => RsaSigning,
            KeySpec.ECC_NIST_P256 or KeySpec.ECC_SECG_P256K1 => [S.ECDSA_SHA_256],
            KeySpec.ECC_NIST_P384 => [S.ECDSA_SHA_384],
            KeySpec.ECC_NIST_P521 => [S.ECDSA_SHA_512],
            KeySpec.ECC_NIST_EDWARDS25519 => [S.ED25519_SHA_512, S.ED25519_PH_SHA_512],
            KeySpec.ML_DSA_44 or KeySpec.ML_DSA_65 or KeySpec.ML_DSA_87 => [S.ML_DSA_SHAKE_256],
            KeySpec.SM2 => [S.SM2DSA],
            _ => [],
        };

    public static IReadOnlyList<MacAlgorithmSpec> MacAlgorithms(KeySpec spec, KeyUsageType usage) =>
        usage != KeyUsageType.GENERATE_VERIFY_MAC || !IsAllowed(spec, usage) ? [] : [HmacKeyMaterial.AlgorithmFor(spec)];

    public static IReadOnlyList<KeyAgreementAlgorithmSpec> KeyAgreementAlgorithms(KeySpec spec, KeyUsageType usage) =>
        usage != KeyUsageType.KEY_AGREEMENT || !IsAllowed(spec, usage) ? [] : [KeyAgreementAlgorithmSpec.ECDH];
}
