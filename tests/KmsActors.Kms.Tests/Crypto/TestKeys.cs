using System.Formats.Asn1;
using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Import;
using KmsActors.Kms.Model;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace KmsActors.Kms.Tests.Crypto;

/// <summary>
/// Test material shared across the Crypto and Import tests. RSA generation is slow on small machines, so each key
/// is generated once per test run (thread-safe lazies) and reused.
/// </summary>
internal static class TestKeys
{
    private static readonly Dictionary<int, Lazy<byte[]>> Rsa = new()
    {
        [2048] = new(() => GenerateRsa(2048)),
        [3072] = new(() => GenerateRsa(3072)),
        [4096] = new(() => GenerateRsa(4096)),
    };

    private static readonly Lazy<byte[]> ForeignRsa2048 = new(() => GenerateRsa(2048));
    private static readonly Lazy<WrappingKeyPair> Sm2Wrapping = new(() => WrappingKeyPair.Generate(WrappingKeySpec.SM2));
    private static readonly Lazy<WrappingKeyPair> ForeignSm2Wrapping = new(() => WrappingKeyPair.Generate(WrappingKeySpec.SM2));

    public static byte[] RsaPkcs8(int bits) => Rsa[bits].Value;

    public static byte[] OtherRsa2048Pkcs8 => ForeignRsa2048.Value;

    public static WrappingKeyPair Wrapping(WrappingKeySpec spec) => spec switch
    {
        WrappingKeySpec.SM2 => Sm2Wrapping.Value,
        _ => RsaPair(spec, RsaPkcs8(WrappingBits(spec))),
    };

    public static WrappingKeyPair ForeignWrapping(WrappingKeySpec spec) => spec switch
    {
        WrappingKeySpec.SM2 => ForeignSm2Wrapping.Value,
        WrappingKeySpec.RSA_2048 => RsaPair(spec, OtherRsa2048Pkcs8),
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    public static int WrappingBits(WrappingKeySpec spec) => spec switch
    {
        WrappingKeySpec.RSA_2048 => 2048,
        WrappingKeySpec.RSA_3072 => 3072,
        _ => 4096,
    };

    private static WrappingKeyPair RsaPair(WrappingKeySpec spec, byte[] pkcs8)
    {
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return new WrappingKeyPair(spec, rsa.ExportSubjectPublicKeyInfo(), pkcs8);
    }

    private static byte[] GenerateRsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        return rsa.ExportPkcs8PrivateKey();
    }

    // ---- wrapping as an importing client would do it (reference §4.3–4.5) ----

    public static byte[] WrapOaep(byte[] publicKeyDer, ReadOnlySpan<byte> material, RSAEncryptionPadding padding)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(publicKeyDer, out _);
        return rsa.Encrypt(material.ToArray(), padding);
    }

    public static byte[] WrapRsaAes(byte[] publicKeyDer, ReadOnlySpan<byte> material, RSAEncryptionPadding padding, int aesKeyBytes = 32)
    {
        var aesKey = RandomNumberGenerator.GetBytes(aesKeyBytes);
        using var aes = Aes.Create();
        // Aes rejects odd key sizes; the invalid-size tests build the RSA part with WrapOaep instead.
        aes.Key = aesKey;
        var wrapped = aes.EncryptKeyWrapPadded(material);
        return [.. WrapOaep(publicKeyDer, aesKey, padding), .. wrapped];
    }

    public static byte[] WrapSm2(byte[] publicKeyDer, ReadOnlySpan<byte> material)
    {
        var reader = new AsnReader(publicKeyDer, AsnEncodingRules.DER).ReadSequence();
        reader.ReadSequence();
        var point = reader.ReadBitString(out _);
        var q = Sm2Curve.Domain.Curve.DecodePoint(point);
        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom(new ECPublicKeyParameters(q, Sm2Curve.Domain), new SecureRandom()));
        var input = material.ToArray();
        return engine.ProcessBlock(input, 0, input.Length);
    }

    // ---- EC material in the encodings AWS accepts or rejects ----

    public static ECParameters NewEcKey(EcCurve curve)
    {
        using var ecdsa = ECDsa.Create(curve.DotNetCurve);
        return ecdsa.ExportParameters(true);
    }

    public enum PointForm { Uncompressed, Compressed, Hybrid, Absent }

    /// <summary>PKCS#8 with id-ecPublicKey and a named curve, the embedded public point in the given form.</summary>
    public static byte[] EcPkcs8(string curveOid, byte[] d, byte[] x, byte[] y, PointForm form, bool curveInEcPrivateKey = false)
    {
        byte[]? point = form switch
        {
            PointForm.Uncompressed => [0x04, .. x, .. y],
            PointForm.Compressed => [(byte)((y[^1] & 1) == 1 ? 0x03 : 0x02), .. x],
            PointForm.Hybrid => [(byte)((y[^1] & 1) == 1 ? 0x07 : 0x06), .. x, .. y],
            _ => null,
        };
        var key = new AsnWriter(AsnEncodingRules.DER);
        using (key.PushSequence())
        {
            key.WriteInteger(1);
            key.WriteOctetString(d);
            if (curveInEcPrivateKey)
                using (key.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                    key.WriteObjectIdentifier(curveOid);
            if (point is not null)
                using (key.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
                    key.WriteBitString(point);
        }
        var oid = new AsnWriter(AsnEncodingRules.DER);
        oid.WriteObjectIdentifier(curveOid);
        return Pkcs8(Pkcs8PrivateKeyInfo.EcPublicKeyOid, oid.Encode(), key.Encode());
    }

    public static byte[] Pkcs8(string algorithmOid, byte[] parameters, byte[] privateKey) =>
        Pkcs8PrivateKeyInfo.Write(algorithmOid, parameters, privateKey);

    /// <summary>A PKCS#8 EC key with explicit (specifiedCurve) domain parameters, which AWS rejects.</summary>
    public static byte[] ExplicitEcPkcs8(EcCurve curve)
    {
        using var named = ECDsa.Create(curve.DotNetCurve);
        using var explicitKey = ECDsa.Create();
        explicitKey.ImportParameters(named.ExportExplicitParameters(true));
        return explicitKey.ExportPkcs8PrivateKey();
    }

    // ---- multi-prime RSA (RFC 3447 A.1.2 version 1), built by hand ----

    /// <summary>A genuine 3-prime RSA key with a modulus of exactly <paramref name="bits"/> bits, as PKCS#8.</summary>
    public static byte[] ThreePrimeRsaPkcs8(int bits)
    {
        var random = new SecureRandom();
        var e = BcBigInteger.ValueOf(65537);
        while (true)
        {
            var primeBits = bits / 3 + 1;
            var p = BcBigInteger.ProbablePrime(primeBits, random);
            var q = BcBigInteger.ProbablePrime(primeBits, random);
            var r = BcBigInteger.ProbablePrime(bits - 2 * primeBits, random);
            var n = p.Multiply(q).Multiply(r);
            if (n.BitLength != bits || p.Equals(q) || q.Equals(r) || p.Equals(r))
                continue;
            var lambda = Lcm(Lcm(p.Subtract(BcBigInteger.One), q.Subtract(BcBigInteger.One)), r.Subtract(BcBigInteger.One));
            if (!e.Gcd(lambda).Equals(BcBigInteger.One))
                continue;
            var d = e.ModInverse(lambda);
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            {
                w.WriteInteger(1); // two-prime(0), multi(1)
                foreach (var v in new[] { n, e, d, p, q, d.Mod(p.Subtract(BcBigInteger.One)), d.Mod(q.Subtract(BcBigInteger.One)), q.ModInverse(p) })
                    w.WriteInteger(v.ToByteArray());
                using (w.PushSequence())
                using (w.PushSequence())
                {
                    w.WriteInteger(r.ToByteArray());
                    w.WriteInteger(d.Mod(r.Subtract(BcBigInteger.One)).ToByteArray());
                    w.WriteInteger(p.Multiply(q).ModInverse(r).ToByteArray());
                }
            }
            var nullParams = new AsnWriter(AsnEncodingRules.DER);
            nullParams.WriteNull();
            return Pkcs8(Pkcs8PrivateKeyInfo.RsaEncryptionOid, nullParams.Encode(), w.Encode());
        }
    }

    private static BcBigInteger Lcm(BcBigInteger a, BcBigInteger b) => a.Divide(a.Gcd(b)).Multiply(b);

    /// <summary>The same key with its outer SEQUENCE length re-encoded in a longer form than needed: valid BER, invalid DER.</summary>
    public static byte[] AsNonMinimalBer(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        reader.ReadEncodedValue();
        var contentLength = der.Length - HeaderLength(der);
        byte[] header = [0x30, 0x84, (byte)(contentLength >> 24), (byte)(contentLength >> 16), (byte)(contentLength >> 8), (byte)contentLength];
        return [.. header, .. der.AsSpan(HeaderLength(der))];
    }

    private static int HeaderLength(byte[] der) => (der[1] & 0x80) == 0 ? 2 : 2 + (der[1] & 0x7F);
}
