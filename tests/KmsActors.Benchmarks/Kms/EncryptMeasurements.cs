using System.Security.Cryptography;
using KmsActors.Kms.Model;

namespace KmsActors.Benchmarks.Kms;

/// <summary>encrypt.engine and encrypt.raw: the same small payloads over 10,000 keys, through the actors and bare.
/// Kept honest on purpose: the engine side does the full call (KmsEngine.Encrypt, region and key actors, audit record,
/// ciphertext blob) and raw does real work per op (a fresh random nonce, AES-GCM); neither is to be trimmed to move the ratio.</summary>
public static class EncryptMeasurements
{
    public const int Keys = 10_000;
    public const int PayloadBytes = 64;
    /// <summary>5 s; KMS_BENCH_SECONDS stretches it for profiling (both sides get the same window).</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("KMS_BENCH_SECONDS"), out var seconds) && seconds > 0 ? seconds : 5);

    /// <summary>Unmeasured run before each side's window, long enough for tiered JIT to settle on optimized code (with
    /// 1 s the engine side was still partly unoptimized: 0.36x raw in a 5 s window, 0.46x in a 12 s one).</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <summary>Slices each side's window is cut into, the sides taking turns (engine, raw, engine, raw, ...): this
    /// machine's speed drifts by tens of percent from second to second (a shared VM), and two windows one after the other
    /// gave ratios from 0.6 to 1.0 × for the same build; slices in turns put both sides under the same drift.</summary>
    private const int Slices = 5;

    /// <summary>Both sides in one run, in turns: Encrypt through region and key actors (enough concurrent callers to keep
    /// both cores busy) and bare AesGcm on the same payloads and key count, one thread per core.</summary>
    public static async Task<(SliceTotals Engine, SliceTotals Raw)> SideBySide(int callers = 256)
    {
        await using var harness = EngineHarness.Start(Environment.GetEnvironmentVariable("KMS_BENCH_HOCON") ?? "");
        var keyIds = await harness.CreateKeys(Keys, new CreateKeyRequest());
        var payload = RandomNumberGenerator.GetBytes(PayloadBytes);
        Task EngineEncrypt(int caller, long n) => harness.Engine.Encrypt(new EncryptRequest
        {
            KeyId = keyIds[(int)((caller * 7919L + n) % Keys)],
            Plaintext = payload,
        });
        var rawKeys = Enumerable.Range(0, Keys).Select(_ => new AesGcm(RandomNumberGenerator.GetBytes(32), 16)).ToArray();
        try
        {
            Task RawEncrypt(int caller, long n)
            {
                Span<byte> nonce = stackalloc byte[12];
                Span<byte> tag = stackalloc byte[16];
                Span<byte> output = stackalloc byte[PayloadBytes];
                RandomNumberGenerator.Fill(nonce);
                // AesGcm instances are not thread-safe: each caller uses its own stripe of keys.
                var key = rawKeys[(int)((n * Environment.ProcessorCount + caller) % Keys)];
                key.Encrypt(nonce, payload, output, tag);
                return Task.CompletedTask;
            }
            await Throughput.OpsPerSecond(callers, WarmUp, EngineEncrypt);
            await Throughput.OpsPerSecond(Environment.ProcessorCount, WarmUp, RawEncrypt);
            var (engine, raw) = (new SliceTotals(), new SliceTotals());
            var slice = Window / Slices;
            for (var i = 0; i < Slices; i++)
            {
                engine.Add(await Throughput.Measure(callers, slice, EngineEncrypt), slice);
                raw.Add(await Throughput.Measure(Environment.ProcessorCount, slice, RawEncrypt), slice);
            }
            return (engine, raw);
        }
        finally
        {
            foreach (var key in rawKeys)
                key.Dispose();
        }
    }
}
