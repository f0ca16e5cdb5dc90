using KmsActors.TestKit.PostgreSql;

namespace KmsActors.Kms.Tests.Persistence.PostgreSql;

/// <summary>One throwaway PostgreSQL server for the tests of the <see cref="PostgresCollection"/>, stopped after them.</summary>
public sealed class PostgresServerFixture : IDisposable
{
    private readonly ThrowawayPostgres? _server;

    public PostgresServerFixture()
    {
        // Tests are skipped by [PostgresFact] when binaries are missing, so the fixture only starts what exists.
        if (PostgresFactAttribute.SkipReason is null)
            _server = ThrowawayPostgres.TryStart(out _);
    }

    public string ConnectionString => _server?.ConnectionString
        ?? throw new InvalidOperationException("No PostgreSQL server: " + PostgresFactAttribute.SkipReason);

    public void Dispose() => _server?.Dispose();
}
