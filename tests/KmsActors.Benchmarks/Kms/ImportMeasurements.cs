using System.Diagnostics;
using System.Security.Cryptography;
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
        await harness.Engine.WarmPool();
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

    /// <summary>ImportKeyMaterial/s of symmetric material wrapped with RSA-2048 (RSAES_OAEP_SHA_256), 32 imports in flight,
    /// after up to <paramref name="warmUp"/> unmeasured imports in rounds of 24 until the JIT has nothing left to compile
    /// (<see cref="JitSettle"/>: the first calls run unoptimized code, recompiled in the background). 900 imports make a
    /// window of about a quarter of a second on two cores (400 made ~0.1 s, where the start and tail of the 32 callers,
    /// a GC or a neighbour's burst weigh); each needs its own pooled pair, generated before the window. The tokens
    /// issued (imports + warm-up) must stay within kms.import.ready-wrapping-keys (1,024 by default): beyond it the
    /// oldest tokens lose their ready RSA object and their imports import the private key again (1,200 imports measured
    /// 790 us of CPU per import instead of ~520).</summary>
    public static async Task<(double PerSecond, double CpuMicrosecondsPerOp)> ImportsPerSecond(int imports = 900, int warmUp = 120)
    {
        // A pool a quarter larger than the tokens taken stays at or above its reserve (WrappingKeyPool: a quarter of the
        // target), so no normal-priority refill competes with the imports: this measures ImportKeyMaterial, not
        // GetParametersForImport's key generation.
        var pool = (imports + warmUp) * 4 / 3 + 8;
        await using var harness = EngineHarness.Start($"kms.import.pool.RSA_2048 = {pool}\n{Environment.GetEnvironmentVariable("KMS_BENCH_HOCON")}");
        var keys = await harness.CreateKeys(imports + warmUp, External);
        await harness.Engine.WarmPool();
        var requests = new ImportKeyMaterialRequest[imports + warmUp];
        for (var i = 0; i < requests.Length; i++)
        {
            var p = await harness.Engine.GetParametersForImport(Parameters(keys[i]));
            requests[i] = new ImportKeyMaterialRequest
            {
                KeyId = keys[i], ImportToken = p.ImportToken, ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
                EncryptedKeyMaterial = KeyMaterialWrapper.Wrap(p.PublicKey!, AlgorithmSpec.RSAES_OAEP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT)),
            };
        }
        const int round = 24;
        await JitSettle.WarmAsync(r => Import(harness, requests[(r * round)..((r + 1) * round)]), warmUp / round);
        var cpu = ForegroundCpu.Microseconds();
        var clock = Stopwatch.StartNew();
        await Import(harness, requests[warmUp..]);
        return (imports / clock.Elapsed.TotalSeconds, (ForegroundCpu.Microseconds() - cpu) / imports);
    }

    /// <summary>Concurrent importers: 32, or KMS_BENCH_IMPORTERS (with 32 the two cores stay about a quarter idle between
    /// the imports' journal round trips; README, Performance).</summary>
    private static readonly int Importers = int.TryParse(Environment.GetEnvironmentVariable("KMS_BENCH_IMPORTERS"), out var n) && n > 0 ? n : 32;

    private static Task Import(EngineHarness harness, ImportKeyMaterialRequest[] requests)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, Importers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Length)
                await harness.Engine.ImportKeyMaterial(requests[i]);
        }));
    }

    /// <summary>
    /// The limit import.rsa2048 is held to: RSA-2048 private-key decryptions/s (RSAES_OAEP_SHA_256, .NET's RSA) of the
    /// material an import carries (32 bytes), one thread per core, each with its own ready RSA object. An import cannot
    /// do less than one of these.
    /// </summary>
    public static (double PerSecond, double CpuMicrosecondsPerOp) DecryptsPerSecond(TimeSpan window)
    {
        using var key = RSA.Create(2048);
        var pkcs8 = key.ExportPkcs8PrivateKey();
        var wrapped = key.Encrypt(RandomNumberGenerator.GetBytes(32), RSAEncryptionPadding.OaepSHA256);
        var counts = new long[Environment.ProcessorCount];
        var ready = new Barrier(counts.Length + 1);
        var open = true;
        var threads = Enumerable.Range(0, counts.Length).Select(t => new Thread(() =>
        {
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            for (var i = 0; i < 20; i++)
                rsa.Decrypt(wrapped, RSAEncryptionPadding.OaepSHA256); // warm
            ready.SignalAndWait();
            while (Volatile.Read(ref open))
            {
                rsa.Decrypt(wrapped, RSAEncryptionPadding.OaepSHA256);
                counts[t]++;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        ready.SignalAndWait();
        var cpu = ForegroundCpu.Microseconds();
        var clock = Stopwatch.StartNew();
        Thread.Sleep(window);
        // Read while the threads still run: an ended thread's CPU time leaves /proc/self/task with it.
        var used = ForegroundCpu.Microseconds() - cpu;
        var decrypts = counts.Sum(c => Volatile.Read(ref c));
        var elapsed = clock.Elapsed;
        Volatile.Write(ref open, false);
        threads.ForEach(t => t.Join());
        return (decrypts / elapsed.TotalSeconds, used / decrypts);
    }
}
