namespace KmsActors.Kms.Engine;

/// <summary>
/// Fails <see cref="PendingReply"/>s still unanswered after the engine's timeout (30 s by default). Every call has the
/// same timeout, so in each stripe's list deadlines are in insertion order and one sweep looks only at the heads:
/// adding and removing a call is a few pointer writes under a lock shared by few threads, instead of a timer per call.
/// A call fails between its timeout and its timeout plus one sweep interval (at most 1 s, a twentieth of the timeout).
/// </summary>
internal sealed class ReplyTimeouts
{
    private readonly Stripe[] _stripes;
    private readonly TimeSpan _timeout;
    private readonly long _timeoutMs;
    private readonly Timer _sweeper;

    internal sealed class Stripe
    {
        public readonly Lock Gate = new();
        public PendingReply? Head;
        public PendingReply? Tail;
    }

    public ReplyTimeouts(TimeSpan timeout)
    {
        _timeout = timeout;
        _timeoutMs = Math.Max(1, (long)timeout.TotalMilliseconds);
        _stripes = new Stripe[Math.Max(2, Environment.ProcessorCount * 2)];
        for (var i = 0; i < _stripes.Length; i++)
            _stripes[i] = new Stripe();
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(_timeoutMs / 20, 10, 1000));
        _sweeper = new Timer(static state => ((ReplyTimeouts)state!).Sweep(), this, interval, interval);
    }

    public void Add(PendingReply reply)
    {
        var stripe = _stripes[(uint)Environment.CurrentManagedThreadId % (uint)_stripes.Length];
        lock (stripe.Gate)
        {
            reply.Stripe = stripe;
            reply.Deadline = Environment.TickCount64 + _timeoutMs;
            reply.Previous = stripe.Tail;
            if (stripe.Tail is null)
                stripe.Head = reply;
            else
                stripe.Tail.Next = reply;
            stripe.Tail = reply;
        }
    }

    public void Remove(PendingReply reply)
    {
        var stripe = reply.Stripe;
        if (stripe is null)
            return;
        lock (stripe.Gate)
            Unlink(stripe, reply);
    }

    /// <summary>Stops sweeping once no call is pending (the engine's ActorSystem terminated: no new calls come; those
    /// still waiting fail after their timeout, as they did with Ask).</summary>
    public void StopWhenIdle() => Volatile.Write(ref _stopWhenIdle, true);

    private bool _stopWhenIdle;

    private void Sweep()
    {
        var now = Environment.TickCount64;
        List<PendingReply>? expired = null;
        foreach (var stripe in _stripes)
        {
            lock (stripe.Gate)
            {
                while (stripe.Head is { } head && head.Deadline <= now)
                {
                    Unlink(stripe, head);
                    (expired ??= []).Add(head);
                }
            }
        }
        if (expired is not null)
        {
            foreach (var reply in expired)
                reply.Expire(_timeout);
        }
        if (Volatile.Read(ref _stopWhenIdle) && _stripes.All(stripe => Volatile.Read(ref stripe.Head) is null))
            _sweeper.Dispose();
    }

    private static void Unlink(Stripe stripe, PendingReply reply)
    {
        if (reply.Stripe != stripe)
            return; // already removed
        if (reply.Previous is null)
            stripe.Head = reply.Next;
        else
            reply.Previous.Next = reply.Next;
        if (reply.Next is null)
            stripe.Tail = reply.Previous;
        else
            reply.Next.Previous = reply.Previous;
        reply.Previous = reply.Next = null;
        reply.Stripe = null;
    }
}
