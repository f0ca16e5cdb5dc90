using Akka.Actor;
using KmsActors.Hosting.Metrics;
using KmsActors.Hosting.Seeding;
using KmsActors.Kms.Engine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KmsActors.Hosting;

/// <summary>
/// Runs after Akka.Hosting started the actor system: subscribes the metrics, starts the engine (and with it the
/// wrapping-key pool) and applies kms.seed, so the host's own services find the seeded keys ready. A bad seed fails
/// the host's start with a <see cref="KmsSeedException"/>.
/// </summary>
internal sealed class KmsActorsStartup(ActorSystem system, KmsMetrics metrics, ILogger<KmsActorsStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = metrics; // resolved here so that it observes keys from the first one that reports
        var engine = KmsEngine.Start(system);
        var seeds = KmsSeedKey.ReadAll(system.Settings.Config);
        if (seeds.Count > 0)
            await new KmsSeeder(engine, logger).SeedAsync(seeds, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
