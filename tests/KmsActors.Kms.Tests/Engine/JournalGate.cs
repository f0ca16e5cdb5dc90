using System.Collections.Concurrent;
using Akka.Persistence;
using Akka.Persistence.TestKit;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>
/// A write interceptor for Akka.Persistence.TestKit's journal (Persistence/FaultInjectingJournal): while closed, writes
/// wait (a slow disk, without a real wait), so a test knows calls sent after a state change are held behind its write;
/// a key's next write can be set to be rejected (as a journal rejects an event it cannot serialize). Installed with
/// <c>OnWrite.SetInterceptorAsync</c>, one per actor system.
/// </summary>
public sealed class JournalGate : IJournalInterceptor
{
    private readonly ConcurrentDictionary<string, byte> _reject = new(StringComparer.Ordinal);
    private TaskCompletionSource _open = Opened();

    public void Close() => Interlocked.Exchange(ref _open, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Open() => Volatile.Read(ref _open).TrySetResult();

    /// <summary>The next write of <paramref name="persistenceId"/> is rejected.</summary>
    public void RejectNextWriteOf(string persistenceId) => _reject[persistenceId] = 0;

    public async Task InterceptAsync(IPersistentRepresentation message)
    {
        await Volatile.Read(ref _open).Task;
        if (_reject.TryRemove(message.PersistenceId, out _))
            throw new TestJournalRejectionException("Simulated rejection: the event cannot be serialized.");
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource();
        open.SetResult();
        return open;
    }
}
