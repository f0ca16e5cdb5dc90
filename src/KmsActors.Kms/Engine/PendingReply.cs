using Akka.Actor;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Engine;

/// <summary>
/// The sender of one <see cref="KmsEngine"/> call: completes the caller's task with the first message told to it.
/// It does what Akka's Ask does for an in-process call, at a fraction of the cost: no temp-actor registration and no
/// path unless someone asks for one, no per-call timer (<see cref="ReplyTimeouts"/> fails it after the timeout with
/// the same <see cref="AskTimeoutException"/>), and the caller's continuation never runs on the actor's thread.
/// Not resolvable by path: replies travel in-process (a remote reply path would need registration, as Ask does).
/// </summary>
internal abstract class PendingReply : MinimalActorRef
{
    private readonly IActorRefProvider _provider;
    private readonly ReplyTimeouts _timeouts;
    private ActorPath? _path;
    private CancellationTokenRegistration _cancellation;

    // ReplyTimeouts' intrusive list: guarded by the stripe's lock.
    internal ReplyTimeouts.Stripe? Stripe;
    internal PendingReply? Previous;
    internal PendingReply? Next;
    internal long Deadline;

    protected PendingReply(IActorRefProvider provider, ReplyTimeouts timeouts)
    {
        _provider = provider;
        _timeouts = timeouts;
    }

    /// <summary>Registers the call for its timeout and <paramref name="ct"/>; the derived class's task exists by now.</summary>
    protected void Start(CancellationToken ct)
    {
        _timeouts.Add(this);
        if (ct.CanBeCanceled)
            _cancellation = ct.Register(static state => ((PendingReply)state!).Cancel(), this);
    }

    public override ActorPath Path => _path ??= _provider.TempPath();

    public override IActorRefProvider Provider => _provider;

    protected override void TellInternal(object message, IActorRef sender)
    {
        if (TryComplete(message))
            Finish();
    }

    /// <summary>Completes the caller's task with the reply; false when it was already completed.</summary>
    protected abstract bool TryComplete(object message);

    protected abstract bool TryFail(Exception error);

    protected abstract bool TryCancel();

    internal void Expire(TimeSpan timeout)
    {
        if (TryFail(new AskTimeoutException($"Timeout after {timeout} seconds")))
            _cancellation.Dispose();
    }

    private void Cancel()
    {
        if (TryCancel())
            _timeouts.Remove(this);
    }

    private void Finish()
    {
        _timeouts.Remove(this);
        _cancellation.Dispose();
    }
}

/// <summary>
/// A call whose answer is a <typeparamref name="TResponse"/>: the reply is turned into the caller's result (or its
/// <see cref="KmsException"/>) as it arrives, so the caller's task is this reply's task, with no async method in between.
/// </summary>
internal sealed class PendingReply<TResponse> : PendingReply
{
    // Both are dropped once the call is answered: the answering actor's cell keeps its last sender until its next
    // message, and a key actor idle for a while must not keep its last call's request and response alive (with 10,000
    // keys that was megabytes promoted by every garbage collection).
    private TaskCompletionSource<TResponse>? _completion;
    private object? _request;

    private PendingReply(IActorRefProvider provider, ReplyTimeouts timeouts, object request, TaskCompletionSource<TResponse> completion)
        : base(provider, timeouts)
    {
        _request = request;
        _completion = completion;
    }

    /// <summary>The sender for one call of <paramref name="request"/>, and the task its reply completes.</summary>
    public static (PendingReply<TResponse> Sender, Task<TResponse> Reply) Start(IActorRefProvider provider, ReplyTimeouts timeouts, object request, CancellationToken ct)
    {
        var completion = new TaskCompletionSource<TResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = new PendingReply<TResponse>(provider, timeouts, request, completion);
        pending.Start(ct);
        return (pending, completion.Task);
    }

    // Failures first: a Send<object> must never hand a Status.Failure back as if it were a response.
    protected override bool TryComplete(object message)
    {
        if (Volatile.Read(ref _completion) is not { } completion)
            return false;
        var completed = message switch
        {
            Status.Failure { Cause: KmsException error } => completion.TrySetException(error),
            Status.Failure failure => completion.TrySetException(KmsException.Internal(failure.Cause?.Message ?? "The engine failed to answer.")),
            TResponse response => completion.TrySetResult(response),
            _ => completion.TrySetException(KmsException.Internal(
                $"{KmsCommand.OperationOf(_request!)} answered {message?.GetType().Name ?? "null"}, expected {typeof(TResponse).Name}.")),
        };
        if (completed)
            Release();
        return completed;
    }

    protected override bool TryFail(Exception error) => Volatile.Read(ref _completion)?.TrySetException(error) == true && Release();

    protected override bool TryCancel() => Volatile.Read(ref _completion)?.TrySetCanceled() == true && Release();

    private bool Release()
    {
        Volatile.Write(ref _completion, null);
        _request = null;
        return true;
    }
}
