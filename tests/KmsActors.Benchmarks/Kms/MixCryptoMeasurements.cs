using System.Diagnostics;
using System.Security.Cryptography;

namespace KmsActors.Benchmarks.Kms;

/// <summary>
/// mix.*: the CPU the load simulation's asymmetric calls cost in cryptography alone, whatever the engine does around
/// them. The sample's default mix (samples/KmsActors.Samples.LoadSimulation/Scenario.cs) is Sign 4% and Verify 4% of the
/// calls, on asymmetric keys that are 80% ECC_NIST_P256 (ECDSA_SHA_256) and 20% RSA_2048 (RSASSA_PKCS1_V1_5_SHA_256):
/// the share of one average call is the floor under the mix's CPU per call, and so a ceiling on its calls per second.
/// </summary>
public static class MixCryptoMeasurements
{
    private const double SignShare = 0.04, VerifyShare = 0.04, EccShare = 0.8, RsaShare = 0.2;

    /// <summary>Microseconds of one thread's CPU per operation (after warm-up), and the mix's asymmetric µs per average call.</summary>
    public static (double RsaSign, double RsaVerify, double EcdsaSign, double EcdsaVerify, double PerMixCall) PerOperation()
    {
        var message = new byte[32];
        using var rsa = RSA.Create(2048);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rsaSignature = rsa.SignHash(SHA256.HashData(message), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var ecdsaSignature = ecdsa.SignHash(SHA256.HashData(message), DSASignatureFormat.Rfc3279DerSequence);
        var rsaSign = Time(400, () => rsa.SignHash(SHA256.HashData(message), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var rsaVerify = Time(4000, () => rsa.VerifyHash(SHA256.HashData(message), rsaSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var ecdsaSign = Time(4000, () => ecdsa.SignHash(SHA256.HashData(message), DSASignatureFormat.Rfc3279DerSequence));
        var ecdsaVerify = Time(4000, () => ecdsa.VerifyHash(SHA256.HashData(message), ecdsaSignature, DSASignatureFormat.Rfc3279DerSequence));
        var perMixCall = SignShare * (EccShare * ecdsaSign + RsaShare * rsaSign) + VerifyShare * (EccShare * ecdsaVerify + RsaShare * rsaVerify);
        return (rsaSign, rsaVerify, ecdsaSign, ecdsaVerify, perMixCall);
    }

    // Thread CPU time, not wall time: the machine is shared, and a descheduled thread's wait is no cost of the operation.
    private static double Time(int iterations, Func<object> operation)
    {
        for (var i = 0; i < iterations / 4; i++)
            operation();
        var before = CpuNow();
        for (var i = 0; i < iterations; i++)
            operation();
        return (CpuNow() - before).TotalMicroseconds / iterations;
    }

    private static TimeSpan CpuNow() => Process.GetCurrentProcess().TotalProcessorTime;
}
