using System.Collections.Concurrent;
using Akka.Actor;
using KmsActors.Kms.Audit;

namespace KmsActors.TestKit;

/// <summary>
/// Keeps every audit record the engine publishes on the EventStream, in order, for tests and samples to read.
/// Records published before <see cref="Start"/> are not seen.
/// </summary>
public sealed class AuditRecorder
{
    private readonly ConcurrentQueue<AuditRecord> _records = new();
    private IActorRef _listener = ActorRefs.Nobody;

    private AuditRecorder()
    {
    }

    public static AuditRecorder Start(ActorSystem system)
    {
        var recorder = new AuditRecorder();
        recorder._listener = system.ActorOf(Props.Create(() => new AuditListener(recorder._records)));
        system.EventStream.Subscribe(recorder._listener, typeof(AuditRecord));
        return recorder;
    }

    /// <summary>Completes once every record published before the call is in <see cref="Records"/> (the listener has
    /// handled everything in its mailbox ahead of this request).</summary>
    public Task FlushAsync(TimeSpan? timeout = null) => _listener.Ask<Flushed>(Flush.Instance, timeout ?? TimeSpan.FromSeconds(30));

    private sealed record Flush
    {
        public static readonly Flush Instance = new();
    }

    private sealed record Flushed
    {
        public static readonly Flushed Instance = new();
    }

    public IReadOnlyList<AuditRecord> Records => [.. _records];

    public IEnumerable<AuditRecord> Named(string eventName) => _records.Where(r => r.EventName == eventName);

    public IEnumerable<AuditRecord> ServiceEvents => _records.Where(r => r.EventType == AuditRecord.ServiceEvent);

    private sealed class AuditListener : ReceiveActor
    {
        public AuditListener(ConcurrentQueue<AuditRecord> records)
        {
            Receive<AuditRecord>(records.Enqueue);
            Receive<Flush>(_ => Sender.Tell(Flushed.Instance));
        }
    }
}
