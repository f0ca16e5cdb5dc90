using System.Diagnostics;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>
/// The set-up phase: creates the scenario's keys (spec by the key mix, EXTERNAL by its share) and imports material
/// into the EXTERNAL ones, in batches whose calls are sent in key order. Calls refused with ThrottlingException,
/// NotFoundException or an injected fault (realism switches; a faulted call changed nothing) are retried after letting
/// a second pass on the simulation's clock.
/// </summary>
public sealed class KeySetup(KmsEngine engine, Scenario scenario, StatsBoard stats, SimClock clock, ByokLifecycle lifecycle, Action<int, int> progress)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);

    public async Task<KeySet> Run(CancellationToken ct)
    {
        var random = new Random(scenario.Seed);
        var plan = Enumerable.Range(0, scenario.Keys).Select(i => (Index: i, Spec: DrawSpec(random), External: random.NextDouble() < scenario.ExternalShare)).ToList();
        var keys = new KeySet();
        var externalCount = plan.Count(p => p.External);
        var total = scenario.Keys + externalCount;
        var done = 0;
        foreach (var batch in plan.Chunk(Math.Max(1, scenario.SetupConcurrency)))
        {
            ct.ThrowIfCancellationRequested();
            var created = await WithRetry(batch, p => engine.CreateKey(new CreateKeyRequest
            {
                KeySpec = p.Spec, KeyUsage = UsageOf(p.Spec), Origin = p.External ? OriginType.EXTERNAL : OriginType.AWS_KMS,
            }), SimOperation.CreateKey).ConfigureAwait(false);
            foreach (var (p, response) in batch.Zip(created))
            {
                var key = new SimKey(response.KeyMetadata!.KeyId!, p.Spec, p.External, p.External ? MaterialFor(p.Index, p.Spec) : null)
                {
                    State = response.KeyMetadata.KeyState ?? KeyState.Enabled,
                };
                keys.All.Add(key);
            }
            progress(done += batch.Length, total);
        }
        if (clock.Virtual && engine.System.Settings.Config.GetBoolean("kms.realism.eventual-consistency.enabled"))
            await clock.Pass(engine.System.Settings.Config.GetTimeSpan("kms.realism.eventual-consistency.window")).ConfigureAwait(false);
        foreach (var batch in keys.All.Where(k => k.External).Chunk(Math.Max(1, scenario.SetupConcurrency)))
        {
            ct.ThrowIfCancellationRequested();
            var parameters = await WithRetry(batch, k => engine.GetParametersForImport(new GetParametersForImportRequest
            {
                KeyId = k.KeyId, WrappingAlgorithm = ByokLifecycle.Wrapping, WrappingKeySpec = WrappingKeySpec.RSA_2048,
            }), SimOperation.GetParametersForImport).ConfigureAwait(false);
            var pending = batch.Zip(parameters).ToList();
            for (var attempt = 1; pending.Count > 0; attempt++)
            {
                if (attempt > 100)
                    throw new InvalidOperationException($"Set-up could not import material into {pending.Count} keys: {string.Join(", ", stats[SimOperation.ImportKeyMaterial].Errors.Keys)}.");
                var outcomes = await clock.AwaitCalls(Task.WhenAll(pending.Select(x => lifecycle.Import(x.Item1, x.Item2, Stopwatch.GetTimestamp())))).ConfigureAwait(false);
                pending = pending.Where((_, i) => !outcomes[i]).ToList();
                if (pending.Count > 0)
                    await clock.Pass(RetryPause).ConfigureAwait(false);
            }
            progress(done += batch.Length, total);
        }
        keys.Seal();
        return keys;
    }

    /// <summary>Sends one call per item, in order; repeats the ones refused for a transient reason after a pause.</summary>
    private async Task<T[]> WithRetry<TItem, T>(IReadOnlyList<TItem> items, Func<TItem, Task<T>> call, SimOperation operation) where T : class
    {
        var results = new T?[items.Count];
        var todo = Enumerable.Range(0, items.Count).ToList();
        while (todo.Count > 0)
        {
            var attempts = todo.Select(i => stats.Attempt(operation, Stopwatch.GetTimestamp(), call(items[i]))).ToList();
            var outcomes = await clock.AwaitCalls(Task.WhenAll(attempts)).ConfigureAwait(false);
            var again = new List<int>();
            for (var n = 0; n < todo.Count; n++)
            {
                if (outcomes[n].Response is { } response)
                    results[todo[n]] = response;
                else if (outcomes[n].Error is KmsErrorCodes.ThrottlingException or KmsErrorCodes.NotFoundException
                         or KmsErrorCodes.KMSInternalException or KmsErrorCodes.DependencyTimeoutException)
                    again.Add(todo[n]);
                else
                    throw new InvalidOperationException($"Set-up {operation} failed: {outcomes[n].Error}.");
            }
            todo = again;
            if (todo.Count > 0)
                await clock.Pass(RetryPause).ConfigureAwait(false);
        }
        return results!;
    }

    private KeySpec DrawSpec(Random random)
    {
        var total = scenario.KeyMix.Values.Sum();
        var x = random.NextDouble() * total;
        foreach (var (spec, weight) in scenario.KeyMix.OrderBy(m => m.Key))
        {
            if (x < weight)
                return spec;
            x -= weight;
        }
        return KeySpec.SYMMETRIC_DEFAULT;
    }

    /// <summary>Client-side BYOK material: derived from the seed on virtual time (reproducible), random otherwise.
    /// RSA material comes from a small pool either way (RSA generation takes a good part of a second).</summary>
    private byte[] MaterialFor(int index, KeySpec spec)
    {
        var rsa = spec is KeySpec.RSA_2048 or KeySpec.RSA_3072 or KeySpec.RSA_4096;
        if (clock.Virtual)
            return DeterministicMaterial.For(rsa ? $"{scenario.Seed}/rsa-pool/{index % 4}" : $"{scenario.Seed}/material/{index}", spec)
                ?? throw new NotSupportedException($"No reproducible material for {spec}.");
        return rsa ? KeyMaterial.CreateCached(spec) : KeyMaterial.Create(spec);
    }

    public static KeyUsageType UsageOf(KeySpec spec) => spec switch
    {
        KeySpec.SYMMETRIC_DEFAULT => KeyUsageType.ENCRYPT_DECRYPT,
        KeySpec.HMAC_224 or KeySpec.HMAC_256 or KeySpec.HMAC_384 or KeySpec.HMAC_512 => KeyUsageType.GENERATE_VERIFY_MAC,
        _ => KeyUsageType.SIGN_VERIFY,
    };
}
