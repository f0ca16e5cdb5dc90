using System.Collections;
using Akka.Actor;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.Kms.Services;

namespace KmsActors.Benchmarks.Kms;

/// <summary>An engine on the in-memory journal and the real scheduler: measures the actors and crypto, not the disk.</summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private EngineHarness(ActorSystem system, KmsServiceOverrides? overrides = null)
    {
        System = system;
        if (overrides is not null)
            system.RegisterExtension(new KmsServicesProvider(overrides));
        Engine = KmsEngine.Start(system);
    }

    public ActorSystem System { get; }
    public KmsEngine Engine { get; }

    public static EngineHarness Start(string hocon = "") => Start(hocon, null);

    /// <summary>An engine whose services have parts replaced (a slow data-key store, a held RSA generator).</summary>
    internal static EngineHarness Start(string hocon, KmsServiceOverrides? overrides) =>
        new(ActorSystem.Create("kms-bench", KmsConfiguration.Load($"kms.journal.provider = inmem\nkms.import.pool {{ RSA_2048 = 0, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 }}\nakka.loglevel = WARNING\n{hocon}", environment: new Hashtable())), overrides);

    /// <summary>Creates <paramref name="count"/> keys, <paramref name="parallel"/> creations in flight.</summary>
    public async Task<string[]> CreateKeys(int count, CreateKeyRequest request, int parallel = 64)
    {
        var ids = new string[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                ids[i] = (await Engine.CreateKey(request)).KeyMetadata!.KeyId!;
        }));
        return ids;
    }

    public async ValueTask DisposeAsync() => await System.Terminate();
}
