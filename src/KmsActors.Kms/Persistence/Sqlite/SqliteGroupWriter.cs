using Microsoft.Data.Sqlite;

namespace KmsActors.Kms.Persistence.Sqlite;

/// <summary>
/// The journal's only writer: one dedicated thread drains the queue and commits everything that arrived while
/// the previous commit was being fsync'd in ONE transaction (group commit). The disk commits a few hundred
/// fsync'd transactions per second, so throughput grows with the number of writers waiting, while every
/// caller's task completes only after the transaction holding its rows is durable.
/// </summary>
internal sealed class SqliteGroupWriter : IDisposable
{
    private readonly object _gate = new();
    private readonly SqliteJournalSettings _settings;
    private readonly Action<IReadOnlyList<string>> _beforeCommit;
    private readonly SqliteConnection _connection;
    private const int RowsPerStatement = 32;
    private readonly JournalInsertCommand _insertMany;
    private readonly JournalInsertCommand _insertOne;
    private readonly Thread _thread;
    private List<WriterWork> _queue = [];
    private bool _stopping;

    /// <param name="beforeCommit">Called on the writer thread with the persistence ids of a transaction just before it commits; throwing fails it.</param>
    public SqliteGroupWriter(SqliteJournalSettings settings, Action<IReadOnlyList<string>> beforeCommit)
    {
        _settings = settings;
        _beforeCommit = beforeCommit;
        _connection = SqliteDatabase.OpenWriter(settings);
        _insertMany = new JournalInsertCommand(_connection, RowsPerStatement);
        _insertOne = new JournalInsertCommand(_connection, 1);
        _thread = new Thread(Run) { IsBackground = true, Name = "kms-sqlite-journal-writer" };
        _thread.Start();
    }

    public Task Write(IReadOnlyList<JournalRow> rows, List<DataKeyRow>? dataKeys = null, PendingDataKeys? registry = null) =>
        Enqueue(new PendingWrite(rows, dataKeys, registry));

    public Task Run(Action<SqliteConnection, SqliteTransaction> action) => Enqueue(new ExclusiveWork(action));

    private Task Enqueue(WriterWork work)
    {
        lock (_gate)
        {
            if (_stopping)
                throw new ObjectDisposedException(nameof(SqliteGroupWriter), "The SQLite journal is stopping.");
            _queue.Add(work);
            if (_queue.Count == 1)
                Monitor.Pulse(_gate);
        }
        return work.Completion;
    }

    private void Run()
    {
        var batch = new List<WriterWork>();
        while (true)
        {
            lock (_gate)
            {
                while (_queue.Count == 0 && !_stopping)
                    Monitor.Wait(_gate);
                if (_queue.Count == 0)
                    return; // stopping, and everything accepted has been written
                (batch, _queue) = (_queue, batch);
            }
            Process(batch);
            batch.Clear();
        }
    }

    /// <summary>Commits consecutive writes together (up to max-batch-size rows); exclusive work runs alone, in queue order.</summary>
    private void Process(List<WriterWork> batch)
    {
        var group = new List<PendingWrite>();
        var rows = 0;
        foreach (var work in batch)
        {
            if (work is PendingWrite write)
            {
                if (rows > 0 && rows + write.Rows.Count > _settings.MaxBatchSize)
                {
                    CommitGroup(group);
                    group.Clear();
                    rows = 0;
                }
                group.Add(write);
                rows += write.Rows.Count;
                continue;
            }
            CommitGroup(group);
            group.Clear();
            rows = 0;
            RunExclusive((ExclusiveWork)work);
        }
        CommitGroup(group);
    }

    private void CommitGroup(List<PendingWrite> group)
    {
        if (group.Count == 0)
            return;
        try
        {
            InTransaction(group);
        }
        catch (Exception) when (group.Count > 1)
        {
            // One caller's bad write (e.g. a duplicate sequence number) must not fail the others: retry each alone,
            // so only the callers whose own transaction fails see the failure. A broken disk fails them all.
            foreach (var write in group)
            {
                try
                {
                    InTransaction([write]);
                }
                catch (Exception error)
                {
                    write.Abandon(error);
                }
            }
        }
        catch (Exception error)
        {
            group[0].Abandon(error);
        }
        WriterWork.CompleteAll(group);
    }

    private void InTransaction(List<PendingWrite> group)
    {
        var rows = new List<JournalRow>(group.Sum(w => w.Rows.Count));
        foreach (var write in group)
            rows.AddRange(write.Rows);
        using var transaction = _connection.BeginTransaction(deferred: false);
        var offset = 0;
        for (; offset + RowsPerStatement <= rows.Count; offset += RowsPerStatement)
            _insertMany.Execute(rows, offset, transaction);
        for (; offset < rows.Count; offset++)
            _insertOne.Execute(rows, offset, transaction);
        foreach (var write in group)
        {
            if (write.DataKeys is { } dataKeys)
                PendingDataKeys.Insert(_connection, transaction, dataKeys);
        }
        _beforeCommit(rows.Select(r => r.PersistenceId).Distinct().ToList());
        transaction.Commit();
    }

    private void RunExclusive(ExclusiveWork work)
    {
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            work.Run(_connection, transaction);
            transaction.Commit();
        }
        catch (Exception error)
        {
            work.Failed(error);
        }
        WriterWork.CompleteAll([work]);
    }

    /// <summary>Writes what was accepted, then stops the thread and closes the connection.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }
        _thread.Join();
        _insertMany.Dispose();
        _insertOne.Dispose();
        _connection.Dispose();
    }
}
