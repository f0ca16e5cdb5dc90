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

    private AuditRecorder()
    {
    }

    public static AuditRecorder Start(ActorSystem system)
    {
        var recorder = new AuditRecorder();
        var listener = system.ActorOf(Props.Create(() => new AuditListener(recorder._records)));
        system.EventStream.Subscribe(listener, typeof(AuditRecord));
        return recorder;
    }

    public IReadOnlyList<AuditRecord> Records => [.. _records];

    public IEnumerable<AuditRecord> Named(string eventName) => _records.Where(r => r.EventName == eventName);

    public IEnumerable<AuditRecord> ServiceEvents => _records.Where(r => r.EventType == AuditRecord.ServiceEvent);

    private sealed class AuditListener : ReceiveActor
    {
        public AuditListener(ConcurrentQueue<AuditRecord> records) => Receive<AuditRecord>(records.Enqueue);
    }
}
