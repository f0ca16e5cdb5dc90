using System.Threading.Channels;
using Akka.Actor;
using KmsActors.Kms.Audit;

namespace KmsActors.Hosting;

/// <summary>
/// The audit trail as an async stream: an actor subscribed to <see cref="AuditRecord"/> on the EventStream writes into a
/// channel the caller reads. Subscribed when opened (records published later are seen); ends when the token is
/// canceled or the actor system stops. At most <see cref="Capacity"/> unread records are kept (oldest dropped).
/// </summary>
internal static class AuditSubscription
{
    public const int Capacity = 100_000;

    public static IAsyncEnumerable<AuditRecord> Open(ActorSystem system, CancellationToken ct)
    {
        var channel = Channel.CreateBounded<AuditRecord>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var subscriber = system.ActorOf(EventStreamSubscriber<AuditRecord>.Props(record => channel.Writer.TryWrite(record)));
        system.EventStream.Subscribe(subscriber, typeof(AuditRecord));
        var registration = ct.Register(() => channel.Writer.TryComplete());
        system.WhenTerminated.ContinueWith(_ => channel.Writer.TryComplete(), TaskScheduler.Default);
        return Read(channel.Reader, system, subscriber, registration);
    }

    private static async IAsyncEnumerable<AuditRecord> Read(ChannelReader<AuditRecord> reader, ActorSystem system, IActorRef subscriber, CancellationTokenRegistration registration)
    {
        try
        {
            await foreach (var record in reader.ReadAllAsync().ConfigureAwait(false))
                yield return record;
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
            system.EventStream.Unsubscribe(subscriber);
            system.Stop(subscriber);
        }
    }
}
