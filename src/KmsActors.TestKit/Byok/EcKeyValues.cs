using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace KmsActors.TestKit.Byok;

/// <summary>
/// One EC private key with its curve written out in full, so <see cref="EcPrivateKeyEncoder"/> can encode
/// it with a named or an explicit curve and with any public-point form. All numbers are unsigned big-endian;
/// field elements (<see cref="Qx"/>, <see cref="Qy"/>, <see cref="A"/>, <see cref="B"/>, <see cref="Gx"/>,
/// <see cref="Gy"/>) have the field's byte length, <see cref="D"/> has the order's byte length (RFC 5915).
/// </summary>
internal sealed record EcKeyValues(
    string CurveOid,
    byte[] D,
    byte[] Qx,
    byte[] Qy,
    byte[] Prime,
    byte[] A,
    byte[] B,
    byte[] Gx,
    byte[] Gy,
    byte[] Order,
    byte[] Cofactor)
{
    /// <summary>GM/T 0003 SM2 curve (sm2p256v1).</summary>
    public const string Sm2CurveOid = "1.2.156.10197.1.301";

    /// <summary>A fresh key on a curve .NET supports (NIST P-256/384/521, secp256k1).</summary>
    public static EcKeyValues Generate(ECCurve namedCurve)
    {
        using var ecdsa = ECDsa.Create(namedCurve);
        var p = ecdsa.ExportExplicitParameters(includePrivateParameters: true);
        var curve = p.Curve;
        return new EcKeyValues(
            namedCurve.Oid.Value!,
            p.D!,
            p.Q.X!,
            p.Q.Y!,
            curve.Prime!,
            curve.A!,
            curve.B!,
            curve.G.X!,
            curve.G.Y!,
            curve.Order!,
            curve.Cofactor!);
    }

    /// <summary>A fresh key on the SM2 curve, generated with BouncyCastle (.NET has no SM2).</summary>
    public static EcKeyValues GenerateSm2()
    {
        var x9 = GMNamedCurves.GetByName("sm2p256v1");
        var domain = new ECDomainParameters(x9);
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(domain, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var d = ((ECPrivateKeyParameters)pair.Private).D;
        var q = ((ECPublicKeyParameters)pair.Public).Q.Normalize();
        const int size = 32;
        return new EcKeyValues(
            Sm2CurveOid,
            BigIntegers.AsUnsignedByteArray(size, d),
            q.AffineXCoord.GetEncoded(),
            q.AffineYCoord.GetEncoded(),
            x9.Curve.Field.Characteristic.ToByteArrayUnsigned(),
            x9.Curve.A.GetEncoded(),
            x9.Curve.B.GetEncoded(),
            x9.G.Normalize().AffineXCoord.GetEncoded(),
            x9.G.Normalize().AffineYCoord.GetEncoded(),
            x9.N.ToByteArrayUnsigned(),
            x9.H.ToByteArrayUnsigned());
    }
}
