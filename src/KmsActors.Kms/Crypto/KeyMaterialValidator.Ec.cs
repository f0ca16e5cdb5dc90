using System.Formats.Asn1;
using System.Security.Cryptography;
using KmsActors.Kms.Model;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace KmsActors.Kms.Crypto;

public static partial class KeyMaterialValidator
{
    /// <summary>
    /// AWS: PKCS#8 EC private key (RFC 5915) on a NAMED curve matching the spec; the embedded public point may be
    /// compressed, uncompressed or hybrid ("projective"), or absent. KMS derives the public key from the scalar.
    /// </summary>
    private static ValidatedMaterial ValidateEc(KeySpec spec, byte[] material)
    {
        var curve = EcCurve.ForSpec(spec)!;
        var info = ParsePkcs8(spec, material);
        if (info.AlgorithmOid != Pkcs8PrivateKeyInfo.EcPublicKeyOid && info.AlgorithmOid != EcCurve.Sm2Oid)
            throw Incorrect($"The key material is a PKCS#8 key of algorithm {info.AlgorithmOid}; {spec} needs an EC private key on {curve.Describe()}.");

        EcPrivateKey key;
        try
        {
            key = EcPrivateKey.FromPkcs8(info);
        }
        catch (Exception ex) when (ex is AsnContentException or FormatException)
        {
            throw NotPkcs8(spec);
        }

        if (key.HasExplicitParameters)
            throw Incorrect($"The EC private key uses explicit curve parameters; {spec} needs the named curve {curve.Describe()}.");
        if (key.CurveOid is null)
            throw Incorrect($"The EC private key does not name its curve; {spec} needs the named curve {curve.Describe()}.");
        if (key.CurveOid != curve.Oid)
        {
            var actual = EcCurve.ForOid(key.CurveOid)?.Describe() ?? key.CurveOid;
            throw Incorrect($"The EC private key is on curve {actual}; {spec} needs a key on {curve.Describe()}.");
        }
        if (key.D.Length > curve.FieldBytes + 1 || key.D.AsSpan().IndexOfAnyExcept((byte)0) < 0)
            throw Incorrect($"The EC private scalar is not valid for {curve.Describe()}.");

        var (x, y) = spec == KeySpec.SM2 ? DeriveSm2Point(curve, key.D) : DeriveDotNetPoint(curve, key.D);

        if (key.PublicPoint is not null && !PointMatches(key.PublicPoint, x, y))
            throw Incorrect($"The public key embedded in the EC private key does not belong to its private scalar; {spec} needs a consistent key pair.");

        var uncompressed = new byte[1 + x.Length + y.Length];
        uncompressed[0] = 0x04;
        x.CopyTo(uncompressed, 1);
        y.CopyTo(uncompressed, 1 + x.Length);
        return new ValidatedMaterial(spec, material, EcPrivateKey.WriteSubjectPublicKeyInfo(curve.Oid, uncompressed));
    }

    private static (byte[] X, byte[] Y) DeriveDotNetPoint(EcCurve curve, byte[] d)
    {
        try
        {
            using var ecdsa = ECDsa.Create();
            // .NET (OpenSSL) computes Q from D when Q is absent, and rejects a scalar outside [1, n-1].
            ecdsa.ImportParameters(new ECParameters { Curve = curve.DotNetCurve, D = LeftPad(d, curve.FieldBytes) });
            var q = ecdsa.ExportParameters(false).Q;
            return (q.X!, q.Y!);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw Incorrect($"The EC private scalar is not valid for {curve.Describe()}.");
        }
    }

    private static (byte[] X, byte[] Y) DeriveSm2Point(EcCurve curve, byte[] d)
    {
        var scalar = new BcBigInteger(1, d);
        if (!Sm2Curve.IsValidScalar(scalar))
            throw Incorrect($"The EC private scalar is not valid for {curve.Describe()}.");
        var point = Sm2Curve.PublicPoint(scalar);
        return (point.AffineXCoord.GetEncoded(), point.AffineYCoord.GetEncoded());
    }

    /// <summary>SEC 1 §2.3.3 encodings: 04‖X‖Y uncompressed, 02/03‖X compressed, 06/07‖X‖Y hybrid.</summary>
    private static bool PointMatches(byte[] encoded, byte[] x, byte[] y)
    {
        if (encoded.Length == 0)
            return false;
        var yIsOdd = (y[^1] & 1) == 1;
        var body = encoded.AsSpan(1);
        return encoded[0] switch
        {
            0x04 => body.Length == x.Length + y.Length && body[..x.Length].SequenceEqual(x) && body[x.Length..].SequenceEqual(y),
            0x02 or 0x03 => body.SequenceEqual(x) && yIsOdd == (encoded[0] == 0x03),
            0x06 or 0x07 => body.Length == x.Length + y.Length && body[..x.Length].SequenceEqual(x) && body[x.Length..].SequenceEqual(y)
                            && yIsOdd == (encoded[0] == 0x07),
            _ => false,
        };
    }

    internal static byte[] LeftPad(byte[] value, int length)
    {
        var start = value.AsSpan().IndexOfAnyExcept((byte)0);
        var trimmed = start < 0 ? ReadOnlySpan<byte>.Empty : value.AsSpan(start);
        if (trimmed.Length > length)
            throw Incorrect("The EC private scalar is longer than the curve's field.");
        var padded = new byte[length];
        trimmed.CopyTo(padded.AsSpan(length - trimmed.Length));
        return padded;
    }
}
