using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace KmsActors.Hosting.Tests.Support;

/// <summary>Records the measurements of one Meter object (so hosts running in parallel do not mix).</summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public MeterRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<Recorded> Measurements { get; } = new();

    /// <summary>Polls the observable gauges and returns what they reported now.</summary>
    public IReadOnlyList<Recorded> Observe(string instrument)
    {
        Measurements.Clear();
        _listener.RecordObservableInstruments();
        return Measurements.Where(m => m.Instrument == instrument).ToList();
    }

    public IReadOnlyList<Recorded> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument).ToList();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        Measurements.Enqueue(new Recorded(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString())));

    public void Dispose() => _listener.Dispose();

    public sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);
}
