using Microsoft.Data.Sqlite;

namespace KmsActors.Kms.Persistence.Sqlite;

/// <summary>An item of the writer thread's queue; its task completes only after its transaction committed.</summary>
internal abstract class WriterWork
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => _done.Task;

    public void Succeed() => _done.TrySetResult();

    public void Fail(Exception error) => _done.TrySetException(error);
}

/// <summary>The rows of one WriteMessagesAsync call: committed together with other callers' rows (group commit).</summary>
internal sealed class PendingWrite(IReadOnlyList<JournalRow> rows) : WriterWork
{
    public IReadOnlyList<JournalRow> Rows { get; } = rows;
}

/// <summary>Work that runs alone in its own transaction, in queue order with the writes (e.g. deletes).</summary>
internal sealed class ExclusiveWork(Action<SqliteConnection, SqliteTransaction> action) : WriterWork
{
    public void Run(SqliteConnection connection, SqliteTransaction transaction) => action(connection, transaction);
}
