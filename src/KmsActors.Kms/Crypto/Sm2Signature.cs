using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// SM2DSA (GM/T 0003.2) on a precomputed e = SM3(Z_A ‖ M). Written out here because BouncyCastle's SM2Signer always
/// hashes the message itself, and KMS also signs caller-supplied digests (MessageType DIGEST). Signatures are DER
/// SEQUENCE { r, s }, as KMS returns them; Z_A uses the default distinguishing ID 1234567812345678, as KMS does.
/// </summary>
internal static class Sm2Signature
{
    public const string DefaultDistinguishingId = "1234567812345678";
    private static readonly SecureRandom Random = new();

    /// <summary>e = SM3(Z_A ‖ M): what KMS signs for MessageType RAW, and what a DIGEST caller must have computed.</summary>
    public static byte[] MessageDigest(ECPoint publicPoint, ReadOnlySpan<byte> message)
    {
        var sm3 = new SM3Digest();
        var z = IdentityHash(publicPoint);
        sm3.BlockUpdate(z, 0, z.Length);
        sm3.BlockUpdate(message);
        var e = new byte[32];
        sm3.DoFinal(e, 0);
        return e;
    }

    public static byte[] SignDigest(BigInteger d, ReadOnlySpan<byte> digest)
    {
        var n = Sm2Curve.Domain.N;
        var e = new BigInteger(1, digest.ToArray());
        var dPlusOneInverse = BigIntegers.ModOddInverse(n, d.Add(BigInteger.One));
        while (true)
        {
            var k = BigIntegers.CreateRandomInRange(BigInteger.One, n.Subtract(BigInteger.One), Random);
            var x1 = Sm2Curve.PublicPoint(k).AffineXCoord.ToBigInteger();
            var r = e.Add(x1).Mod(n);
            if (r.SignValue == 0 || r.Add(k).Equals(n))
                continue;
            var s = dPlusOneInverse.Multiply(k.Subtract(r.Multiply(d))).Mod(n);
            if (s.SignValue == 0)
                continue;
            return StandardDsaEncoding.Instance.Encode(n, r, s);
        }
    }

    public static bool VerifyDigest(ECPoint publicPoint, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        var n = Sm2Curve.Domain.N;
        BigInteger[] rs;
        try
        {
            rs = StandardDsaEncoding.Instance.Decode(n, signature.ToArray());
        }
        catch (ArgumentException)
        {
            return false;
        }
        var (r, s) = (rs[0], rs[1]);
        if (r.SignValue <= 0 || r.CompareTo(n) >= 0 || s.SignValue <= 0 || s.CompareTo(n) >= 0)
            return false;
        var t = r.Add(s).Mod(n);
        if (t.SignValue == 0)
            return false;
        var point = ECAlgorithms.SumOfTwoMultiplies(Sm2Curve.Domain.G, s, publicPoint, t).Normalize();
        if (point.IsInfinity)
            return false;
        var e = new BigInteger(1, digest.ToArray());
        return e.Add(point.AffineXCoord.ToBigInteger()).Mod(n).Equals(r);
    }

    /// <summary>Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A).</summary>
    private static byte[] IdentityHash(ECPoint publicPoint)
    {
        var id = Encoding.ASCII.GetBytes(DefaultDistinguishingId);
        var sm3 = new SM3Digest();
        var bits = id.Length * 8;
        sm3.Update((byte)(bits >> 8));
        sm3.Update((byte)bits);
        sm3.BlockUpdate(id, 0, id.Length);
        var curve = Sm2Curve.Domain.Curve;
        var g = Sm2Curve.Domain.G;
        foreach (var element in new[] { curve.A, curve.B, g.AffineXCoord, g.AffineYCoord, publicPoint.AffineXCoord, publicPoint.AffineYCoord })
        {
            var bytes = element.GetEncoded();
            sm3.BlockUpdate(bytes, 0, bytes.Length);
        }
        var z = new byte[32];
        sm3.DoFinal(z, 0);
        return z;
    }
}
