using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Crypto;

public static partial class KeyMaterialValidator
{
    public static int RsaModulusBits(KeySpec spec) => spec switch
    {
        KeySpec.RSA_2048 => 2048,
        KeySpec.RSA_3072 => 3072,
        KeySpec.RSA_4096 => 4096,
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "Not an RSA key spec."),
    };

    /// <summary>AWS: PKCS#8 RSA private key (RFC 3447), modulus exactly the spec's size, exactly two primes.</summary>
    private static ValidatedMaterial ValidateRsa(KeySpec spec, byte[] material)
    {
        var info = ParsePkcs8(spec, material);
        if (info.AlgorithmOid != Pkcs8PrivateKeyInfo.RsaEncryptionOid)
            throw Incorrect($"The key material is a PKCS#8 key of algorithm {info.AlgorithmOid}; {spec} needs an RSA private key (rsaEncryption, {Pkcs8PrivateKeyInfo.RsaEncryptionOid}).");

        BigInteger n, e, d, p, q, dp, dq, qInv;
        try
        {
            var outer = new AsnReader(info.PrivateKey, AsnEncodingRules.BER);
            var key = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            // RFC 3447 A.1.2: version 1 (multi) means otherPrimeInfos follow.
            var version = key.ReadInteger();
            if (version == 1)
                throw MultiPrime(spec);
            if (version != 0)
                throw NotPkcs8(spec);
            n = key.ReadInteger(); e = key.ReadInteger(); d = key.ReadInteger();
            p = key.ReadInteger(); q = key.ReadInteger();
            dp = key.ReadInteger(); dq = key.ReadInteger(); qInv = key.ReadInteger();
            if (key.HasData)
                throw MultiPrime(spec);
        }
        catch (Exception ex) when (ex is AsnContentException or FormatException)
        {
            throw NotPkcs8(spec);
        }

        var bits = RsaModulusBits(spec);
        if (n.Sign <= 0 || n.GetBitLength() != bits)
            throw Incorrect($"The RSA modulus is {Math.Max(0, n.GetBitLength())} bits; {spec} needs exactly {bits}.");

        if (!IsConsistentRsaKey(n, e, d, p, q, dp, dq, qInv))
            throw Incorrect($"The RSA private key is inconsistent (its primes, exponents and CRT values do not belong together); {spec} needs a valid two-prime RSA key.");

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(material, out _);
            return new ValidatedMaterial(spec, material, rsa.ExportSubjectPublicKeyInfo());
        }
        catch (CryptographicException)
        {
            throw NotPkcs8(spec);
        }
    }

    private static KmsException MultiPrime(KeySpec spec) =>
        Incorrect($"The RSA private key has more than two primes (multi-prime RSA); {spec} needs a key with exactly two primes.");

    private static bool IsConsistentRsaKey(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q,
        BigInteger dp, BigInteger dq, BigInteger qInv)
    {
        if (p <= BigInteger.One || q <= BigInteger.One || e <= BigInteger.One || e.IsEven || d <= BigInteger.Zero)
            return false;
        if (p * q != n)
            return false;
        var p1 = p - 1;
        var q1 = q - 1;
        // e·d ≡ 1 modulo both p−1 and q−1, i.e. modulo λ(n); CRT values must match d and q⁻¹ mod p.
        return (e * d) % p1 == BigInteger.One
            && (e * d) % q1 == BigInteger.One
            && dp == d % p1
            && dq == d % q1
            && (qInv * q) % p == BigInteger.One;
    }
}
