using KmsActors.TestKit.PostgreSql;

namespace KmsActors.Kms.Tests.Persistence.PostgreSql;

/// <summary>A fact that needs a real PostgreSQL server; skipped, with the reason in the test output, only where no binaries exist.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public static readonly string? SkipReason = PostgresBinaries.Find(out var reason) is null ? reason : null;

    public PostgresFactAttribute()
    {
        if (SkipReason is not null)
            Skip = SkipReason;
    }
}
