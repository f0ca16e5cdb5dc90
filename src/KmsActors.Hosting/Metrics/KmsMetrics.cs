using System.Diagnostics;
using System.Diagnostics.Metrics;
using Akka.Actor;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Services;

namespace KmsActors.Hosting.Metrics;

/// <summary>
/// The "KmsActors" meter of a hosted engine (System.Diagnostics.Metrics, created through the host's IMeterFactory):
/// requests by operation and outcome, their latency, keys by state, wrapping-pool depth and the per-key
/// SecondsUntilKeyMaterialExpiration. Names in <see cref="KmsMetricNames"/>. Times to expiry are measured against
/// the engine clock (the ActorSystem's scheduler), so virtual time in tests moves them.
/// </summary>
public sealed class KmsMetrics : IDisposable
{
    private static readonly WrappingKeySpec[] WrappingKeySpecs = Enum.GetValues<WrappingKeySpec>();

    private readonly ActorSystem _system;
    private readonly KeyStateTable _keys = new();
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly IActorRef _subscriber;

    public KmsMetrics(IMeterFactory meterFactory, ActorSystem system)
    {
        _system = system;
        Meter = meterFactory.Create(KmsMetricNames.MeterName);
        _requests = Meter.CreateCounter<long>(KmsMetricNames.Requests, "{request}", "KMS API calls answered, by operation and outcome.");
        _duration = Meter.CreateHistogram<double>(KmsMetricNames.RequestDuration, "s", "Time to answer a KMS API call.");
        Meter.CreateObservableGauge(KmsMetricNames.Keys, ObserveKeys, "{key}", "Keys by key state, as the key actors last reported since start.");
        Meter.CreateObservableGauge(KmsMetricNames.WrappingKeysAvailable, ObservePool, "{key pair}", "Wrapping key pairs ready for GetParametersForImport.");
        Meter.CreateObservableGauge(KmsMetricNames.SecondsUntilKeyMaterialExpiration, ObserveExpiry, "s",
            "Seconds until the imported key material of an EXTERNAL key expires (AWS/KMS per-key metric).");

        _subscriber = system.ActorOf(EventStreamSubscriber<KeyStateObserved>.Props(_keys.Observe));
        system.EventStream.Subscribe(_subscriber, typeof(KeyStateObserved));
    }

    /// <summary>The meter; a MeterListener can tell this host's instruments apart by it.</summary>
    public Meter Meter { get; }

    /// <summary>Counts and times one answered call (IKmsClient and the server both record here).</summary>
    public void RecordRequest(string operation, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { KmsMetricNames.OperationTag, operation }, { KmsMetricNames.OutcomeTag, outcome } };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    private IEnumerable<Measurement<int>> ObserveKeys() =>
        _keys.CountByState().Select(s => new Measurement<int>(s.Count, new KeyValuePair<string, object?>(KmsMetricNames.StateTag, s.State.ToString())));

    private IEnumerable<Measurement<int>> ObservePool()
    {
        if (_system.WhenTerminated.IsCompleted)
            return [];
        var pool = KmsServices.Get(_system).WrappingKeys;
        return WrappingKeySpecs.Select(spec =>
            new Measurement<int>(pool.Depth(spec), new KeyValuePair<string, object?>(KmsMetricNames.WrappingKeySpecTag, spec.ToString())));
    }

    private IEnumerable<Measurement<double>> ObserveExpiry()
    {
        var now = _system.Scheduler.Now;
        return _keys.Expiring().Select(k =>
            new Measurement<double>(Math.Max(0, (k.ValidTo - now).TotalSeconds), new KeyValuePair<string, object?>(KmsMetricNames.KeyIdTag, k.KeyId)));
    }

    public void Dispose()
    {
        if (!_system.WhenTerminated.IsCompleted)
        {
            _system.EventStream.Unsubscribe(_subscriber);
            _system.Stop(_subscriber);
        }
        Meter.Dispose();
    }
}
