using Akka.Actor;

namespace KmsActors.Kms.Engine;

/// <summary>
/// The sender of one <see cref="KmsEngine"/> call: completes the caller's task with the first message told to it.
/// It does what Akka's Ask does for an in-process call, at a fraction of the cost: no temp-actor registration and no
/// path unless someone asks for one, no per-call timer (<see cref="ReplyTimeouts"/> fails it after the timeout with
/// the same <see cref="AskTimeoutException"/>), and the caller's continuation never runs on the actor's thread.
/// Not resolvable by path: replies travel in-process (a remote reply path would need registration, as Ask does).
/// </summary>
internal sealed class PendingReply : MinimalActorRef
{
    private readonly TaskCompletionSource<object> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IActorRefProvider _provider;
    private readonly ReplyTimeouts _timeouts;
    private ActorPath? _path;
    private CancellationTokenRegistration _cancellation;

    // ReplyTimeouts' intrusive list: guarded by the stripe's lock.
    internal ReplyTimeouts.Stripe? Stripe;
    internal PendingReply? Previous;
    internal PendingReply? Next;
    internal long Deadline;

    public PendingReply(IActorRefProvider provider, ReplyTimeouts timeouts, CancellationToken ct)
    {
        _provider = provider;
        _timeouts = timeouts;
        timeouts.Add(this);
        if (ct.CanBeCanceled)
            _cancellation = ct.Register(static state => ((PendingReply)state!).Cancel(), this);
    }

    public Task<object> Task => _completion.Task;

    public override ActorPath Path => _path ??= _provider.TempPath();

    public override IActorRefProvider Provider => _provider;

    protected override void TellInternal(object message, IActorRef sender)
    {
        if (_completion.TrySetResult(message))
            Finish();
    }

    internal void Expire(TimeSpan timeout)
    {
        if (_completion.TrySetException(new AskTimeoutException($"Timeout after {timeout} seconds")))
            _cancellation.Dispose();
    }

    private void Cancel()
    {
        if (_completion.TrySetCanceled())
            _timeouts.Remove(this);
    }

    private void Finish()
    {
        _timeouts.Remove(this);
        _cancellation.Dispose();
    }
}
