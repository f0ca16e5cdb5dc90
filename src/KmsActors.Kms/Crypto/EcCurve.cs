using System.Security.Cryptography;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// The named curves KMS supports, with the one ECDSA algorithm AWS pairs with each
/// (AWS: P-256 → ECDSA_SHA_256, P-384 → ECDSA_SHA_384, P-521 → ECDSA_SHA_512, secp256k1 → ECDSA_SHA_256).
/// </summary>
internal sealed record EcCurve(KeySpec Spec, string Oid, string Name, int FieldBytes, SigningAlgorithmSpec SigningAlgorithm)
{
    public const string Sm2Oid = "1.2.156.10197.1.301";

    public static readonly EcCurve P256 = new(KeySpec.ECC_NIST_P256, "1.2.840.10045.3.1.7", "P-256", 32, SigningAlgorithmSpec.ECDSA_SHA_256);
    public static readonly EcCurve P384 = new(KeySpec.ECC_NIST_P384, "1.3.132.0.34", "P-384", 48, SigningAlgorithmSpec.ECDSA_SHA_384);
    public static readonly EcCurve P521 = new(KeySpec.ECC_NIST_P521, "1.3.132.0.35", "P-521", 66, SigningAlgorithmSpec.ECDSA_SHA_512);
    public static readonly EcCurve Secp256k1 = new(KeySpec.ECC_SECG_P256K1, "1.3.132.0.10", "secp256k1", 32, SigningAlgorithmSpec.ECDSA_SHA_256);
    public static readonly EcCurve Sm2 = new(KeySpec.SM2, Sm2Oid, "SM2 (sm2p256v1)", 32, SigningAlgorithmSpec.SM2DSA);

    private static readonly EcCurve[] All = [P256, P384, P521, Secp256k1, Sm2];

    public static EcCurve? ForSpec(KeySpec spec) => All.FirstOrDefault(c => c.Spec == spec);

    public static EcCurve? ForOid(string oid) => All.FirstOrDefault(c => c.Oid == oid);

    /// <summary>The .NET curve; not valid for SM2, which .NET does not implement.</summary>
    public ECCurve DotNetCurve => ECCurve.CreateFromValue(Oid);

    public string Describe() => $"{Name} ({Oid})";
}
