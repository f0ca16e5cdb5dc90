namespace KmsActors.Kms.Realism;

/// <summary>
/// One request quota: <see cref="Rate"/> requests per second, holding at most <see cref="Capacity"/> unused
/// requests. Time comes from the caller (the engine's scheduler), so a bucket refills on virtual time too.
/// </summary>
public sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private double _tokens;
    private long _lastTicks;

    public TokenBucket(double rate, double capacity, DateTimeOffset now)
    {
        if (rate <= 0)
            throw new ArgumentOutOfRangeException(nameof(rate), "A quota is a positive number of requests per second.");
        Rate = rate;
        Capacity = Math.Max(1, capacity);
        _tokens = Capacity;
        _lastTicks = now.UtcTicks;
    }

    public double Rate { get; }
    public double Capacity { get; }

    /// <summary>Takes one request from the bucket; false when the quota is used up (the caller is throttled).</summary>
    public bool TryTake(DateTimeOffset now)
    {
        lock (_gate)
        {
            var ticks = now.UtcTicks;
            if (ticks > _lastTicks)
            {
                _tokens = Math.Min(Capacity, _tokens + (ticks - _lastTicks) * Rate / TimeSpan.TicksPerSecond);
                _lastTicks = ticks;
            }
            if (_tokens < 1)
                return false;
            _tokens -= 1;
            return true;
        }
    }
}
