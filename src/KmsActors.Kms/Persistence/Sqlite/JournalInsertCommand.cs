using System.Text;
using Microsoft.Data.Sqlite;

namespace KmsActors.Kms.Persistence.Sqlite;

/// <summary>
/// A prepared INSERT of a fixed number of journal rows. Inserting many rows per statement saves a bind/step
/// round through Microsoft.Data.Sqlite per row, on the writer thread that every event passes through.
/// </summary>
internal sealed class JournalInsertCommand : IDisposable
{
    private const int Columns = 9;
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public JournalInsertCommand(SqliteConnection connection, int rows)
    {
        Rows = rows;
        _command = connection.CreateCommand();
        var sql = new StringBuilder("INSERT INTO journal (persistence_id, sequence_nr, manifest, serializer_id, payload, event_manifest, writer_uuid, tags, timestamp) VALUES ");
        _parameters = new SqliteParameter[rows * Columns];
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ",(");
            for (var column = 0; column < Columns; column++)
            {
                var name = $"$p{row * Columns + column}";
                sql.Append(column == 0 ? name : "," + name);
                _parameters[row * Columns + column] = _command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
            sql.Append(')');
        }
        _command.CommandText = sql.ToString();
    }

    public int Rows { get; }

    /// <summary>Inserts rows[offset .. offset + Rows) in the given transaction.</summary>
    public void Execute(List<JournalRow> rows, int offset, SqliteTransaction transaction)
    {
        _command.Transaction = transaction;
        for (var i = 0; i < Rows; i++)
        {
            var row = rows[offset + i];
            var p = i * Columns;
            _parameters[p].Value = row.PersistenceId;
            _parameters[p + 1].Value = row.SequenceNr;
            _parameters[p + 2].Value = row.Manifest;
            _parameters[p + 3].Value = row.SerializerId;
            _parameters[p + 4].Value = row.Payload;
            _parameters[p + 5].Value = row.EventManifest;
            _parameters[p + 6].Value = row.WriterUuid;
            _parameters[p + 7].Value = (object?)row.Tags ?? DBNull.Value;
            _parameters[p + 8].Value = row.Timestamp;
        }
        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
