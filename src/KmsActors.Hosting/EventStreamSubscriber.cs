using Akka.Actor;

namespace KmsActors.Hosting;

/// <summary>Hands every <typeparamref name="T"/> it receives (from an EventStream subscription) to a callback.</summary>
internal sealed class EventStreamSubscriber<T> : ReceiveActor
{
    public EventStreamSubscriber(Action<T> onEvent) => Receive<T>(onEvent);

    public static Props Props(Action<T> onEvent) => Akka.Actor.Props.Create(() => new EventStreamSubscriber<T>(onEvent));
}
