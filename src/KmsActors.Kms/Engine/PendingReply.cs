using Akka.Actor;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

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
/// <see cref="KmsException"/>), so the caller's task is this reply's task, with no async method in between.
/// The first outcome (reply, timeout or cancellation) is completed on a thread-pool work item of its own, queued FIFO
/// on the global queue, where the caller's continuation then runs: never on the answering actor's thread, and not in
/// that thread's local queue either, which the pool serves newest first (under load that starved early replies: a
/// p99 of 170 ms where the median was 10 µs).
/// </summary>
internal sealed class PendingReply<TResponse> : PendingReply, IThreadPoolWorkItem
{
    // Both are dropped once the call is answered: the answering actor's cell keeps its last sender until its next
    // message, and a key actor idle for a while must not keep its last call's request and response alive (with 10,000
    // keys that was megabytes promoted by every garbage collection).
    private TaskCompletionSource<TResponse>? _completion;
    private object? _request;
    /// <summary>The first outcome: the reply message, a <see cref="Failed"/> or <see cref="Canceled"/>.</summary>
    private object? _outcome;

    private sealed record Failed(Exception Error);

    private sealed record Canceled
    {
        public static readonly Canceled Instance = new();
    }

    private PendingReply(IActorRefProvider provider, ReplyTimeouts timeouts, object request, TaskCompletionSource<TResponse> completion)
        : base(provider, timeouts)
    {
        _request = request;
        _completion = completion;
    }

    /// <summary>The sender for one call of <paramref name="request"/>, and the task its reply completes.</summary>
    public static (PendingReply<TResponse> Sender, Task<TResponse> Reply) Start(IActorRefProvider provider, ReplyTimeouts timeouts, object request, CancellationToken ct)
    {
        // Completed only from Execute, a work item of its own: the continuation may run there synchronously.
        var completion = new TaskCompletionSource<TResponse>();
        var pending = new PendingReply<TResponse>(provider, timeouts, request, completion);
        pending.Start(ct);
        return (pending, completion.Task);
    }

    protected override bool TryComplete(object message) => Post(message ?? new Failed(KmsException.Internal("The engine answered null.")));

    protected override bool TryFail(Exception error) => Post(new Failed(error));

    protected override bool TryCancel() => Post(Canceled.Instance);

    private bool Post(object outcome)
    {
        if (Interlocked.CompareExchange(ref _outcome, outcome, null) is not null)
            return false;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return true;
    }

    // Failures first: a Send<object> must never hand a Status.Failure back as if it were a response.
    void IThreadPoolWorkItem.Execute()
    {
        var completion = _completion!;
        var outcome = _outcome;
        var request = _request!;
        _completion = null;
        _request = null;
        _outcome = Canceled.Instance; // stays non-null (later outcomes are ignored) without holding the reply
        switch (outcome)
        {
            case Failed failed: completion.TrySetException(failed.Error); break;
            case Canceled: completion.TrySetCanceled(); break;
            case Status.Failure { Cause: KmsException error }: completion.TrySetException(error); break;
            case Status.Failure failure: completion.TrySetException(KmsException.Internal(failure.Cause?.Message ?? "The engine failed to answer.")); break;
            case TResponse response: completion.TrySetResult(response); break;
            default:
                completion.TrySetException(KmsException.Internal(
                    $"{KmsCommand.OperationOf(request)} answered {outcome?.GetType().Name ?? "null"}, expected {typeof(TResponse).Name}."));
                break;
        }
    }
}
