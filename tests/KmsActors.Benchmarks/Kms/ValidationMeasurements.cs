using System.Diagnostics;
using KmsActors.Kms.Model;

namespace KmsActors.Benchmarks.Kms;

/// <summary>validation.check: the AWS model's check of one Encrypt request (key ID, 64-byte plaintext, an encryption
/// context, two grant tokens), as the region makes it for every call before anything else (docs/validation.md).</summary>
public static class ValidationMeasurements
{
    /// <summary>Nanoseconds and bytes allocated per check (single thread, after warm-up).</summary>
    public static (double Nanoseconds, double Bytes) PerCheck()
    {
        var request = new EncryptRequest
        {
            KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab",
            Plaintext = new byte[64],
            EncryptionContext = new Dictionary<string, string> { ["tenant"] = "tenant-42" },
            GrantTokens = ["token-1", "token-2"],
            EncryptionAlgorithm = EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT,
        };
        if (RequestValidation.Find(request, "us-east-1").Count != 0)
            throw new InvalidOperationException("The benchmark's request must be valid, or it measures a refusal.");
        const int iterations = 1_000_000;
        for (var i = 0; i < iterations; i++)
            RequestValidation.Check(request, "us-east-1");
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations * 5; i++)
            RequestValidation.Check(request, "us-east-1");
        return (watch.Elapsed.TotalNanoseconds / (iterations * 5), (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / (iterations * 5));
    }
}
