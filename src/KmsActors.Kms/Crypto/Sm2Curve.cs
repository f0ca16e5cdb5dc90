using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace KmsActors.Kms.Crypto;

/// <summary>The SM2 curve (GM/T 0003, sm2p256v1) through BouncyCastle: .NET has no SM2.</summary>
internal static class Sm2Curve
{
    public static readonly X9ECParameters X9 = GMNamedCurves.GetByName("sm2p256v1");
    private static readonly SecureRandom Random = new();
    public static readonly ECDomainParameters Domain = new(X9.Curve, X9.G, X9.N, X9.H, X9.GetSeed());

    public static ECPoint PublicPoint(BigInteger d) => new FixedPointCombMultiplier().Multiply(Domain.G, d).Normalize();

    public static bool IsValidScalar(BigInteger d) => d.SignValue > 0 && d.CompareTo(Domain.N) < 0;

    /// <summary>A fresh SM2 key pair as DER PKCS#8 (named curve, public point embedded) and DER SubjectPublicKeyInfo.</summary>
    public static (byte[] Pkcs8, byte[] SubjectPublicKeyInfo) Generate()
    {
        // GM/T 0003: d in [1, n-2], so that 1 + d is invertible for signing.
        var d = BigIntegers.CreateRandomInRange(BigInteger.One, Domain.N.Subtract(BigInteger.Two), Random);
        var point = PublicPoint(d).GetEncoded(false);
        return (EcPrivateKey.WritePkcs8(EcCurve.Sm2Oid, BigIntegers.AsUnsignedByteArray(32, d), point),
            EcPrivateKey.WriteSubjectPublicKeyInfo(EcCurve.Sm2Oid, point));
    }
}
