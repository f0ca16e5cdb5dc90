namespace KmsActors.Kms.Tests.Persistence.PostgreSql;

/// <summary>The tests that share one throwaway PostgreSQL server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL server";
}
