using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>
/// The in-memory journal with a gate per actor system: while closed, writes wait (a slow disk, without a real wait), so
/// a test knows calls sent after a state change are held behind its write; a key's next write can be set to be
/// rejected (as a journal rejects an event it cannot serialize). Chosen with <see cref="Hocon"/>.
/// </summary>
public sealed class GatedJournal : MemoryJournal
{
    public const string Hocon = "akka.persistence.journal.inmem.class = \"KmsActors.Kms.Tests.Engine.GatedJournal, KmsActors.Kms.Tests\"";

    private static readonly ConditionalWeakTable<ActorSystem, Gate> Gates = new();

    private readonly Gate _gate = For(Context.System);

    public static Gate For(ActorSystem system) => Gates.GetValue(system, _ => new Gate());

    protected override async Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        await _gate.Pass(writes.Count);
        var rejected = writes.Select(w => _gate.TakeRejection(w.PersistenceId)).ToList();
        if (rejected.All(r => !r))
            return await base.WriteMessagesAsync(writes, cancellationToken);
        var kept = await base.WriteMessagesAsync(writes.Where((_, i) => !rejected[i]), cancellationToken);
        return rejected.Select(r => r ? new InvalidOperationException("Simulated rejection: the event cannot be serialized.") : null)
            .Cast<Exception>().ToImmutableList();
    }

    public sealed class Gate
    {
        private readonly ConcurrentDictionary<string, byte> _reject = new(StringComparer.Ordinal);
        private TaskCompletionSource _open = Opened();
        private int _waiting;

        /// <summary>Writes that wait at the closed gate.</summary>
        public int Waiting => Volatile.Read(ref _waiting);

        public void Close() => Interlocked.Exchange(ref _open, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public void Open() => Volatile.Read(ref _open).TrySetResult();

        /// <summary>The next write of <paramref name="persistenceId"/> is rejected.</summary>
        public void RejectNextWriteOf(string persistenceId) => _reject[persistenceId] = 0;

        internal bool TakeRejection(string persistenceId) => _reject.TryRemove(persistenceId, out _);

        internal async Task Pass(int writes)
        {
            var open = Volatile.Read(ref _open).Task;
            if (open.IsCompleted)
                return;
            Interlocked.Add(ref _waiting, writes);
            await open;
            Interlocked.Add(ref _waiting, -writes);
        }

        private static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource();
            open.SetResult();
            return open;
        }
    }
}
