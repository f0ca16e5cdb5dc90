using BenchmarkDotNet.Attributes;

namespace KmsActors.Benchmarks.Persistence;

/// <summary>BenchmarkDotNet form of the persistence area (full statistics; slower than --quick).</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class PersistBenchmarks
{
    [Params(1, 1000)]
    public int Actors { get; set; }

    [Benchmark(Description = "events/s, one event in flight per actor, SQLite journal")]
    public Task<double> PersistSqlite() => SqlitePersistence.EventsPerSecond(Actors, TimeSpan.FromSeconds(2), CancellationToken.None);
}
