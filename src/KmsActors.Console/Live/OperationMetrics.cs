using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KmsActors.Hosting.Metrics;

namespace KmsActors.Console.Live;

/// <summary>
/// The Metrics page's figures, read from this host's <c>KmsActors</c> meter (KmsMetrics) with a MeterListener: every
/// answered call's kms.request.duration measurement (tagged operation and outcome) lands in its operation's per-second
/// bucket. Seconds are wall-clock seconds, as the meter's latency is (a Stopwatch): request rate and latency are about
/// the machine, while the engine's clock may be virtual and stand still. Only this host's meter is listened to, so
/// several servers in one process (tests) keep their figures apart.
/// </summary>
public sealed class OperationMetrics : IDisposable
{
    /// <summary>The window the charts show: the last five minutes, one bucket per second.</summary>
    public const int WindowSeconds = 300;

    private readonly ConcurrentDictionary<string, OperationSeries> _operations = new(StringComparer.Ordinal);
    private readonly MeterListener _listener;
    private readonly TimeProvider _time;

    public OperationMetrics(KmsMetrics metrics, TimeProvider time)
    {
        _time = time;
        var meter = metrics.Meter;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == KmsMetricNames.RequestDuration)
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<double>(OnDuration);
        _listener.Start();
    }

    /// <summary>Every operation called since the server started, the busiest of the window first.</summary>
    public IReadOnlyList<OperationSnapshot> Snapshot()
    {
        var now = Now;
        return _operations.Values.Select(s => s.Snapshot(now))
            .OrderByDescending(s => s.WindowRequests).ThenByDescending(s => s.Total).ThenBy(s => s.Operation, StringComparer.Ordinal)
            .ToList();
    }

    private long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    private void OnDuration(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? operation = null;
        string? outcome = null;
        foreach (var (name, value) in tags)
        {
            if (name == KmsMetricNames.OperationTag)
                operation = value as string;
            else if (name == KmsMetricNames.OutcomeTag)
                outcome = value as string;
        }
        if (operation is null)
            return;
        var series = _operations.GetOrAdd(operation, static name => new OperationSeries(name, WindowSeconds));
        series.Record(Now, seconds, outcome != KmsMetricNames.SuccessOutcome);
    }

    public void Dispose() => _listener.Dispose();
}
