using System.Diagnostics;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Benchmarks.Kms;

/// <summary>gpfi.warm.p99, gpfi.cold.mean and import.rsa2048.</summary>
public static class ImportMeasurements
{
    private static readonly CreateKeyRequest External = new() { Origin = OriginType.EXTERNAL };

    private static GetParametersForImportRequest Parameters(string keyId) => new()
    {
        KeyId = keyId, WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
    };

    /// <summary>p99 latency (ms) of GetParametersForImport with the pool warm (as many pooled pairs as calls).</summary>
    public static async Task<double> WarmP99(int calls = 200)
    {
        await using var harness = EngineHarness.Start($"kms.import.pool.RSA_2048 = {calls + 20}");
        var keys = await harness.CreateKeys(calls, External);
        await harness.Engine.WarmPool(WrappingKeySpec.RSA_2048);
        await harness.Engine.GetParametersForImport(Parameters(keys[0])); // JIT
        var latencies = new List<double>(calls);
        foreach (var key in keys)
        {
            var clock = Stopwatch.StartNew();
            await harness.Engine.GetParametersForImport(Parameters(key));
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Throughput.Percentile(latencies, 99);
    }

    /// <summary>Mean latency (ms) of GetParametersForImport with the pool off: each call generates its RSA-2048 pair.</summary>
    public static async Task<double> ColdMean(int calls = 20)
    {
        await using var harness = EngineHarness.Start("kms.import.pool.RSA_2048 = 0");
        var keys = await harness.CreateKeys(calls + 1, External);
        await harness.Engine.GetParametersForImport(Parameters(keys[^1])); // JIT
        var clock = Stopwatch.StartNew();
        foreach (var key in keys[..calls])
            await harness.Engine.GetParametersForImport(Parameters(key));
        return clock.Elapsed.TotalMilliseconds / calls;
    }

    /// <summary>ImportKeyMaterial/s of symmetric material wrapped with RSA-2048 (RSAES_OAEP_SHA_256), 32 imports in flight.</summary>
    public static async Task<double> ImportsPerSecond(int imports = 400)
    {
        await using var harness = EngineHarness.Start($"kms.import.pool.RSA_2048 = {imports + 20}");
        var keys = await harness.CreateKeys(imports, External);
        await harness.Engine.WarmPool(WrappingKeySpec.RSA_2048);
        var requests = new ImportKeyMaterialRequest[imports];
        for (var i = 0; i < imports; i++)
        {
            var p = await harness.Engine.GetParametersForImport(Parameters(keys[i]));
            requests[i] = new ImportKeyMaterialRequest
            {
                KeyId = keys[i], ImportToken = p.ImportToken, ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
                EncryptedKeyMaterial = KeyMaterialWrapper.Wrap(p.PublicKey!, AlgorithmSpec.RSAES_OAEP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT)),
            };
        }
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < imports)
                await harness.Engine.ImportKeyMaterial(requests[i]);
        }));
        return imports / clock.Elapsed.TotalSeconds;
    }
}
