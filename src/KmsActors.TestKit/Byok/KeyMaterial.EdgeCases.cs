using KmsActors.Kms.Model;

namespace KmsActors.TestKit.Byok;

public static partial class KeyMaterial
{
    /// <summary>
    /// A valid RSA private key with three primes whose modulus has exactly <paramref name="bits"/> bits,
    /// as DER PKCS#8 holding an RSAPrivateKey of version 1 (multi) with otherPrimeInfos (RFC 8017 §A.1.2).
    /// AWS imports two-prime RSA keys only, so this material must be refused (IncorrectKeyMaterialException).
    /// </summary>
    /// <param name="bits">Modulus size, e.g. 2048 to match an RSA_2048 key.</param>
    public static byte[] RsaMultiPrime(int bits) => MultiPrimeRsaEncoder.Create(bits, primeCount: 3);

    /// <summary>
    /// A valid private key for an ECC_* or SM2 <paramref name="spec"/>, but with the curve written out as
    /// explicit parameters (RFC 3279 SpecifiedECDomain) instead of its named-curve OID. AWS accepts named
    /// curves only, so this material must be refused.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="spec"/> is not an ECC_* or SM2 spec.</exception>
    public static byte[] EcExplicitParameters(KeySpec spec) => EcPrivateKeyEncoder.Encode(
        GenerateEcKey(spec), explicitCurve: true, EcPrivateKeyEncoder.PublicPoint.Uncompressed);

    /// <summary>
    /// A private key for an ECC_* or SM2 <paramref name="spec"/> on its named curve whose embedded public
    /// point is in compressed form (0x02/0x03 ‖ X). This is valid material: AWS accepts compressed,
    /// uncompressed and hybrid points. Use it to check the importer does not insist on the uncompressed form.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="spec"/> is not an ECC_* or SM2 spec.</exception>
    public static byte[] EcCompressedPoint(KeySpec spec) => EcPrivateKeyEncoder.Encode(
        GenerateEcKey(spec), explicitCurve: false, EcPrivateKeyEncoder.PublicPoint.Compressed);

    /// <summary>
    /// A private key for an ECC_* or SM2 <paramref name="spec"/> on its named curve whose ECPrivateKey has no
    /// publicKey field (it is optional in RFC 5915); the importer has to derive the public key itself.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="spec"/> is not an ECC_* or SM2 spec.</exception>
    public static byte[] EcWithoutPublicKey(KeySpec spec) => EcPrivateKeyEncoder.Encode(
        GenerateEcKey(spec), explicitCurve: false, EcPrivateKeyEncoder.PublicPoint.Omitted);
}
