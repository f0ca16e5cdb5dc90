using System.Security.Cryptography;
using System.Text;
using KmsActors.Kms.Model;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// Key material derived from a name instead of drawn at random, in the form <see cref="KeyMaterialFactory.Generate"/>
/// returns. For seeded simulations only (<c>kms.deterministic-ids</c>, or a simulation's client-side BYOK material):
/// whoever knows the name knows the material, so it never protects anything real. Same name, same bytes, every run.
/// </summary>
public static class DeterministicMaterial
{
    /// <summary>Material for <paramref name="spec"/> derived from <paramref name="name"/>; null for SM2 (not supported here).</summary>
    public static byte[]? For(string name, KeySpec spec, bool chinaPartition = false)
    {
        switch (spec)
        {
            case KeySpec.SYMMETRIC_DEFAULT:
                return Bytes(name, chinaPartition ? 16 : 32);
            case KeySpec.HMAC_224 or KeySpec.HMAC_256 or KeySpec.HMAC_384 or KeySpec.HMAC_512:
                return Bytes(name, KeyMaterialValidator.HmacMinimumBytes(spec));
            case KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096:
                return Rsa(name, KeyMaterialValidator.RsaModulusBits(spec));
            case KeySpec.ECC_NIST_P256 or KeySpec.ECC_NIST_P384 or KeySpec.ECC_NIST_P521 or KeySpec.ECC_SECG_P256K1:
                return Ecc(name, EcCurve.ForSpec(spec)!);
            default:
                return null;
        }
    }

    /// <summary>As <see cref="KeyMaterialFactory.Generate"/> for a key whose ID came from a deterministic
    /// <see cref="Services.IdSource"/>, else random. <paramref name="now"/> tells a rotation's material from the first.</summary>
    public static byte[] OrRandom(string keyId, KeySpec spec, bool chinaPartition, DateTimeOffset now) =>
        (Services.IdSource.IsDeterministic(keyId) ? For($"{keyId}/{now.UtcTicks}", spec, chinaPartition) : null)
        ?? KeyMaterialFactory.Generate(spec, chinaPartition);

    /// <summary>SHA-256 in counter mode over the name: as many bytes as asked.</summary>
    public static byte[] Bytes(string name, int count)
    {
        var output = new byte[count];
        for (int block = 0, offset = 0; offset < count; block++, offset += 32)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"kmsactors-material/{block}/{name}"));
            hash.AsSpan(0, Math.Min(32, count - offset)).CopyTo(output.AsSpan(offset));
        }
        return output;
    }

    private static byte[] Rsa(string name, int bits)
    {
        var random = SecureRandom.GetInstance("SHA256PRNG", autoSeed: false);
        random.SetSeed(Bytes(name, 32));
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), random, bits, 100));
        return PrivateKeyInfoFactory.CreatePrivateKeyInfo(generator.GenerateKeyPair().Private).GetDerEncoded();
    }

    private static byte[] Ecc(string name, EcCurve curve)
    {
        var domain = ECNamedCurveTable.GetByOid(new Org.BouncyCastle.Asn1.DerObjectIdentifier(curve.Oid));
        // d in [1, n-1], from more bytes than n has so the reduction's bias is negligible.
        var d = new BigInteger(1, Bytes(name, curve.FieldBytes + 16)).Mod(domain.N.Subtract(BigInteger.One)).Add(BigInteger.One);
        var q = domain.G.Multiply(d).Normalize();
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = curve.DotNetCurve,
            D = d.ToByteArrayUnsigned().PadLeft(curve.FieldBytes),
            Q = new ECPoint
            {
                X = q.AffineXCoord.ToBigInteger().ToByteArrayUnsigned().PadLeft(curve.FieldBytes),
                Y = q.AffineYCoord.ToBigInteger().ToByteArrayUnsigned().PadLeft(curve.FieldBytes),
            },
        });
        return ecdsa.ExportPkcs8PrivateKey();
    }

    private static byte[] PadLeft(this byte[] value, int length)
    {
        if (value.Length >= length)
            return value;
        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return padded;
    }
}
