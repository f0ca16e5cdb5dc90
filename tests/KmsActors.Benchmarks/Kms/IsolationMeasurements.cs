using System.Diagnostics;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Import;
using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence;
using KmsActors.Kms.Services;

namespace KmsActors.Benchmarks.Kms;

/// <summary>
/// isolation.*: does a key stalled on the vault (or on RSA generation) slow other keys? p99 of Encrypt and DescribeKey
/// on other keys, 32 callers, first with nothing held, then, in the same engine and run, while a set of keys wait on a
/// data-key store held shut (a rotation each, with calls queued behind it) and GetParametersForImport calls wait on an
/// empty pool whose generator is held (docs/persistence.md, "Nothing blocks an actor").
/// </summary>
public static class IsolationMeasurements
{
    public static async Task<(double FreeP99, double HeldP99, int Held)> OtherKeysP99(int keys = 500, int stalledKeys = 16, TimeSpan? window = null)
    {
        var gate = new ManualResetEventSlim(true);
        var store = new HeldStore(gate);
        await using var harness = EngineHarness.Start("kms.persistence.vault.threads = 2", new KmsServiceOverrides
        {
            DataKeyStore = store,
            GenerateWrappingKey = spec =>
            {
                gate.Wait();
                return WrappingKeyPair.Generate(spec);
            },
        });
        var engine = harness.Engine;
        var others = await harness.CreateKeys(keys, new CreateKeyRequest());
        var stalled = await harness.CreateKeys(stalledKeys, new CreateKeyRequest());
        var importing = await harness.CreateKeys(stalledKeys, new CreateKeyRequest { Origin = OriginType.EXTERNAL });
        var measureFor = window ?? TimeSpan.FromSeconds(5);
        await Calls(engine, others, TimeSpan.FromSeconds(1)); // JIT and warm-up

        var free = await Calls(engine, others, measureFor);

        gate.Reset();
        var heldCalls = new List<Task>();
        foreach (var key in stalled)
        {
            heldCalls.Add(engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = key }));
            for (var i = 0; i < 4; i++)
                heldCalls.Add(engine.Encrypt(new EncryptRequest { KeyId = key, Plaintext = [1] })); // queued behind the rotation
        }
        foreach (var key in importing)
            heldCalls.Add(engine.GetParametersForImport(new GetParametersForImportRequest
            {
                KeyId = key, WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
            }));
        var held = await Calls(engine, others, measureFor);
        var stillHeld = heldCalls.Count(t => !t.IsCompleted);
        gate.Set();
        await Task.WhenAll(heldCalls);
        return (Throughput.Percentile(free, 99), Throughput.Percentile(held, 99), stillHeld);
    }

    /// <summary>Latencies (ms) of Encrypt and DescribeKey on random keys of <paramref name="keys"/>, 32 callers.</summary>
    private static async Task<List<double>> Calls(KmsEngine engine, string[] keys, TimeSpan window)
    {
        var latencies = new List<double>[32];
        await Throughput.OpsPerSecond(32, window, async (caller, n) =>
        {
            var list = latencies[caller] ??= [];
            var key = keys[Random.Shared.Next(keys.Length)];
            var clock = Stopwatch.StartNew();
            if (n % 2 == 0)
                await engine.Encrypt(new EncryptRequest { KeyId = key, Plaintext = [1, 2, 3] });
            else
                await engine.DescribeKey(new DescribeKeyRequest { KeyId = key });
            list.Add(clock.Elapsed.TotalMilliseconds);
        });
        return [.. latencies.Where(l => l is not null).SelectMany(l => l)];
    }

    /// <summary>The in-memory store behind a gate, declared as doing I/O, so the vault runs its calls on its own threads.</summary>
    private sealed class HeldStore(ManualResetEventSlim gate) : IMaterialDataKeyStore
    {
        private readonly InMemoryMaterialDataKeyStore _store = new();

        public bool InMemory => false;

        public bool InsertsInMemory => false;

        public void Insert(string dataKeyId, string keyArn, string keyMaterialId, byte[] sealedKey)
        {
            gate.Wait();
            _store.Insert(dataKeyId, keyArn, keyMaterialId, sealedKey);
        }

        public byte[]? Find(string dataKeyId)
        {
            gate.Wait();
            return _store.Find(dataKeyId);
        }

        public bool Delete(string dataKeyId)
        {
            gate.Wait();
            return _store.Delete(dataKeyId);
        }

        public int DeleteAll(string keyArn)
        {
            gate.Wait();
            return _store.DeleteAll(keyArn);
        }

        public void Dispose() => _store.Dispose();
    }
}
