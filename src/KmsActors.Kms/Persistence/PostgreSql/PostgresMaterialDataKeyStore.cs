using Npgsql;

namespace KmsActors.Kms.Persistence.PostgreSql;

/// <summary>
/// Data keys in table material_data_key of the journal's PostgreSQL database. An insert returns after its commit, so
/// with the server's defaults (fsync, synchronous_commit) it is durable before the event that uses it is written.
/// A deleted row is gone for every reader at once; its bytes stay in the table's dead tuples until VACUUM and in the
/// server's WAL until it is recycled (sealed under the master key all along).
/// </summary>
internal sealed class PostgresMaterialDataKeyStore : IMaterialDataKeyStore
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresMaterialDataKeyStore(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        Execute("""
            CREATE TABLE IF NOT EXISTS material_data_key (
                data_key_id TEXT NOT NULL PRIMARY KEY,
                key_arn TEXT NOT NULL,
                key_material_id TEXT NOT NULL,
                sealed_key BYTEA NOT NULL
            );
            CREATE INDEX IF NOT EXISTS material_data_key_key_arn ON material_data_key (key_arn);
            """);
    }

    public bool InMemory => false;

    public bool InsertsInMemory => false;

    public void Insert(string dataKeyId, string keyArn, string keyMaterialId, byte[] sealedKey) =>
        Execute("INSERT INTO material_data_key (data_key_id, key_arn, key_material_id, sealed_key) VALUES ($1, $2, $3, $4)",
            dataKeyId, keyArn, keyMaterialId, sealedKey);

    public byte[]? Find(string dataKeyId)
    {
        using var command = _dataSource.CreateCommand("SELECT sealed_key FROM material_data_key WHERE data_key_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = dataKeyId });
        return command.ExecuteScalar() as byte[];
    }

    public bool Delete(string dataKeyId) => Execute("DELETE FROM material_data_key WHERE data_key_id = $1", dataKeyId) > 0;

    public int DeleteAll(string keyArn) => Execute("DELETE FROM material_data_key WHERE key_arn = $1", keyArn);

    private int Execute(string sql, params object[] values)
    {
        using var command = _dataSource.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command.ExecuteNonQuery();
    }

    public void Dispose() => _dataSource.Dispose();
}
