using System.Formats.Asn1;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace KmsActors.TestKit.Byok;

/// <summary>
/// Makes a valid multi-prime RSA private key (RFC 8017 §A.1.2: RSAPrivateKey version 1 with
/// otherPrimeInfos) and writes it as DER PKCS#8. Neither .NET nor BouncyCastle generate these.
/// </summary>
internal static class MultiPrimeRsaEncoder
{
    private const string RsaEncryption = "1.2.840.113549.1.1.1";
    private static readonly BigInteger PublicExponent = BigInteger.ValueOf(65537);

    public static byte[] Create(int modulusBits, int primeCount)
    {
        if (primeCount < 3)
            throw new ArgumentOutOfRangeException(nameof(primeCount), primeCount, "A multi-prime key has at least 3 primes.");
        if (modulusBits < 256 * primeCount)
            throw new ArgumentOutOfRangeException(nameof(modulusBits), modulusBits, "The modulus is too small for that many primes.");

        var random = new SecureRandom();
        while (true)
        {
            var primes = GeneratePrimes(modulusBits, primeCount, random);
            var modulus = primes.Aggregate(BigInteger.One, (n, p) => n.Multiply(p));
            if (modulus.BitLength != modulusBits)
                continue;
            var lambda = primes.Aggregate(BigInteger.One, (l, p) => Lcm(l, p.Subtract(BigInteger.One)));
            if (!PublicExponent.Gcd(lambda).Equals(BigInteger.One))
                continue;
            var privateExponent = PublicExponent.ModInverse(lambda);
            return WrapInPkcs8(EncodeRsaPrivateKey(modulus, privateExponent, primes));
        }
    }

    private static List<BigInteger> GeneratePrimes(int modulusBits, int primeCount, SecureRandom random)
    {
        var primes = new List<BigInteger>(primeCount);
        var remaining = modulusBits;
        for (var i = primeCount; i > 0; i--)
        {
            var bits = remaining / i;
            BigInteger prime;
            do
            {
                prime = BigInteger.ProbablePrime(bits, random);
            }
            while (primes.Any(p => p.Equals(prime)));
            primes.Add(prime);
            remaining -= bits;
        }
        return primes;
    }

    private static byte[] EncodeRsaPrivateKey(BigInteger modulus, BigInteger d, List<BigInteger> primes)
    {
        BigInteger Exponent(BigInteger prime) => d.Mod(prime.Subtract(BigInteger.One));

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1); // version multi (RFC 8017 §A.1.2)
            WriteUnsigned(writer, modulus);
            WriteUnsigned(writer, PublicExponent);
            WriteUnsigned(writer, d);
            WriteUnsigned(writer, primes[0]);
            WriteUnsigned(writer, primes[1]);
            WriteUnsigned(writer, Exponent(primes[0]));
            WriteUnsigned(writer, Exponent(primes[1]));
            WriteUnsigned(writer, primes[1].ModInverse(primes[0])); // coefficient = q^-1 mod p
            using (writer.PushSequence())
            {
                var product = primes[0].Multiply(primes[1]);
                foreach (var prime in primes.Skip(2))
                {
                    using (writer.PushSequence())
                    {
                        WriteUnsigned(writer, prime);
                        WriteUnsigned(writer, Exponent(prime));
                        WriteUnsigned(writer, product.ModInverse(prime)); // t_i = (r_1 … r_(i-1))^-1 mod r_i
                    }
                    product = product.Multiply(prime);
                }
            }
        }
        return writer.Encode();
    }

    private static byte[] WrapInPkcs8(byte[] rsaPrivateKey)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(RsaEncryption);
                writer.WriteNull();
            }
            writer.WriteOctetString(rsaPrivateKey);
        }
        return writer.Encode();
    }

    private static void WriteUnsigned(AsnWriter writer, BigInteger value) =>
        writer.WriteIntegerUnsigned(value.ToByteArrayUnsigned());

    private static BigInteger Lcm(BigInteger a, BigInteger b) => a.Divide(a.Gcd(b)).Multiply(b);
}
