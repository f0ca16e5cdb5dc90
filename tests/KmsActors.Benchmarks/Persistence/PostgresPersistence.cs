using System.Collections;
using KmsActors.Kms.Configuration;
using KmsActors.TestKit.PostgreSql;

namespace KmsActors.Benchmarks.Persistence;

/// <summary>Events/s on a throwaway PostgreSQL server (fsync on, as PostgreSQL ships) with the engine's postgres profile.</summary>
public static class PostgresPersistence
{
    /// <summary>Null, with the reason, where this machine has no PostgreSQL binaries.</summary>
    public static async Task<(double? EventsPerSecond, string Reason)> EventsPerSecond(int actors, TimeSpan window, CancellationToken cancellationToken)
    {
        using var server = ThrowawayPostgres.TryStart(out var reason);
        if (server is null)
            return (null, reason);
        var config = KmsConfiguration.Load(
            $"kms.journal.provider = postgresql\nkms.journal.connection-string = \"{server.ConnectionString}\"\nakka.loglevel = WARNING",
            environment: new Hashtable());
        return (await JournalPersistence.EventsPerSecond(config, actors, window, cancellationToken), "");
    }
}
