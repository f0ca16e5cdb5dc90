using Microsoft.Data.Sqlite;

namespace KmsActors.Kms.Persistence.Sqlite;

/// <summary>
/// An item of the writer thread's queue; its task completes only after its transaction committed. The writer
/// records the outcome and hands the completions of a whole commit to one pool thread (<see cref="CompleteAll"/>),
/// so neither the writer runs the callers' continuations nor each caller costs a pool work item of its own.
/// </summary>
internal abstract class WriterWork
{
    private readonly TaskCompletionSource _done = new();
    private Exception? _error;

    public Task Completion => _done.Task;

    public void Failed(Exception error) => _error = error;

    public static void CompleteAll(IEnumerable<WriterWork> works) =>
        ThreadPool.UnsafeQueueUserWorkItem(static state =>
        {
            foreach (var work in state)
            {
                if (work._error is null)
                    work._done.TrySetResult();
                else
                    work._done.TrySetException(work._error);
            }
        }, works.ToArray(), preferLocal: false);
}

/// <summary>The rows of one WriteMessagesAsync call: committed together with other callers' rows (group commit),
/// with the material data keys its events seal under (see <see cref="PendingDataKeys"/>).</summary>
internal sealed class PendingWrite(IReadOnlyList<JournalRow> rows, List<DataKeyRow>? dataKeys = null, PendingDataKeys? registry = null) : WriterWork
{
    public IReadOnlyList<JournalRow> Rows { get; } = rows;

    public List<DataKeyRow>? DataKeys { get; } = dataKeys;

    /// <summary>Not committed: its data keys go back to wait for the key's next write.</summary>
    public void Abandon(Exception error)
    {
        Failed(error);
        if (DataKeys is not null)
            registry?.Restore(DataKeys);
    }
}

/// <summary>Work that runs alone in its own transaction, in queue order with the writes (e.g. deletes).</summary>
internal sealed class ExclusiveWork(Action<SqliteConnection, SqliteTransaction> action) : WriterWork
{
    public void Run(SqliteConnection connection, SqliteTransaction transaction) => action(connection, transaction);
}
