using Akka.Configuration;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Realism;

/// <summary>kms.realism: the switches that make the engine behave like the real service under load — request
/// quotas, injected latency, eventual consistency, injected faults. All off by default; hocon/load-simulation.conf turns
/// on all but the faults.</summary>
public sealed record RealismSettings
{
    public static readonly RealismSettings Off = new();

    public bool QuotasEnabled { get; init; }
    /// <summary>The shared cryptographic quotas: symmetric (HMAC included), RSA, ECC (SM2 included), ML-DSA.</summary>
    public static readonly IReadOnlyList<string> SharedQuotaNames = ["symmetric", "rsa", "ecc", "ml-dsa"];

    /// <summary>Requests per second of the shared cryptographic quotas (<see cref="SharedQuotaNames"/>).</summary>
    public IReadOnlyDictionary<string, double> SharedQuotas { get; init; } = new Dictionary<string, double>();
    /// <summary>Requests per second of the per-operation quotas (CreateKey, GetParametersForImport, …).</summary>
    public IReadOnlyDictionary<string, double> OperationQuotas { get; init; } = new Dictionary<string, double>();
    /// <summary>Requests per second of the GenerateDataKeyPair quotas, by data key pair spec ("RSA_2048", …).</summary>
    public IReadOnlyDictionary<string, double> DataKeyPairQuotas { get; init; } = new Dictionary<string, double>();
    /// <summary>How many seconds of a quota a bucket holds when idle (at least one request).</summary>
    public TimeSpan Burst { get; init; } = TimeSpan.FromSeconds(1);

    public bool LatencyEnabled { get; init; }
    public TimeSpan DefaultLatency { get; init; }
    public IReadOnlyDictionary<string, TimeSpan> OperationLatency { get; init; } = new Dictionary<string, TimeSpan>();

    public bool EventualConsistencyEnabled { get; init; }
    /// <summary>How long after CreateKey the key may still answer NotFoundException.</summary>
    public TimeSpan EventualConsistencyWindow { get; init; }
    /// <summary>kms.realism.eventual-consistency.grant-delay: how long a new grant takes to be usable without its grant
    /// token (docs/grants.md). As configured; <see cref="GrantPropagationDelay"/> is what applies.</summary>
    public TimeSpan GrantDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The grant propagation delay to pass to <c>GrantRules.Allows</c>: <see cref="GrantDelay"/> when eventual
    /// consistency is enabled, else zero (a grant is usable as soon as CreateGrant answered).</summary>
    public TimeSpan GrantPropagationDelay => EventualConsistencyEnabled ? GrantDelay : TimeSpan.Zero;

    public bool FaultsEnabled { get; init; }
    /// <summary>kms.realism.faults.default-rate: the share of calls (0 to 1) of an operation not listed under
    /// <see cref="OperationFaultRates"/> that fail with a transient server-side error.</summary>
    public double DefaultFaultRate { get; init; }
    /// <summary>kms.realism.faults.operations: per-operation fault rates (0 to 1).</summary>
    public IReadOnlyDictionary<string, double> OperationFaultRates { get; init; } = new Dictionary<string, double>();
    /// <summary>kms.realism.faults.errors: the errors a fault may answer (KMSInternalException, DependencyTimeoutException);
    /// an operation is answered only with those its model lists.</summary>
    public IReadOnlyList<string> FaultErrors { get; init; } = InjectedFaults.TransientErrors;
    /// <summary>kms.deterministic-ids.seed when kms.deterministic-ids.enabled is on: faults are then drawn from it, in the
    /// order callers send; null: drawn at random.</summary>
    public string? FaultSeed { get; init; }

    public bool AnyEnabled => QuotasEnabled || LatencyEnabled || EventualConsistencyEnabled || FaultsEnabled;

    public static RealismSettings From(Config config)
    {
        var realism = config.GetConfig("kms.realism");
        if (realism is null || realism.IsEmpty)
            return Off;
        var quotas = realism.GetConfig("quotas");
        var latency = realism.GetConfig("latency");
        var faults = realism.GetConfig("faults");
        return new RealismSettings
        {
            QuotasEnabled = quotas?.GetBoolean("enabled", false) ?? false,
            SharedQuotas = Rates(quotas?.GetConfig("shared"), SharedQuotaNames),
            OperationQuotas = Rates(quotas?.GetConfig("operations"), KmsOperations.All),
            DataKeyPairQuotas = Rates(quotas?.GetConfig("data-key-pairs"), Enum.GetNames<DataKeyPairSpec>()),
            Burst = quotas?.GetTimeSpan("burst", TimeSpan.FromSeconds(1)) ?? TimeSpan.FromSeconds(1),
            LatencyEnabled = latency?.GetBoolean("enabled", false) ?? false,
            DefaultLatency = latency?.GetTimeSpan("default", TimeSpan.Zero) ?? TimeSpan.Zero,
            OperationLatency = Delays(latency?.GetConfig("operations")),
            EventualConsistencyEnabled = realism.GetBoolean("eventual-consistency.enabled", false),
            EventualConsistencyWindow = realism.GetTimeSpan("eventual-consistency.window", TimeSpan.FromSeconds(1)),
            GrantDelay = realism.GetTimeSpan("eventual-consistency.grant-delay", TimeSpan.FromSeconds(1)),
            FaultsEnabled = faults?.GetBoolean("enabled", false) ?? false,
            DefaultFaultRate = Share(faults?.GetDouble("default-rate", 0) ?? 0, "default-rate"),
            OperationFaultRates = Rates(faults?.GetConfig("operations"), KmsOperations.All).ToDictionary(
                rate => rate.Key, rate => Share(rate.Value, $"operations.{rate.Key}"), StringComparer.Ordinal),
            FaultErrors = InjectedFaults.ErrorsFrom(faults is not null && faults.HasPath("errors") ? faults.GetStringList("errors") : null),
            FaultSeed = config.GetBoolean("kms.deterministic-ids.enabled", false) ? config.GetString("kms.deterministic-ids.seed", "0") : null,
        };
    }

    private static double Share(double rate, string setting) =>
        rate is >= 0 and <= 1 ? rate : throw new ConfigurationException(FormattableString.Invariant($"kms.realism.faults.{setting} is a share of calls from 0 to 1, not {rate}."));

    private static Dictionary<string, double> Rates(Config? section, IEnumerable<string> names) =>
        section is null ? [] : names.Where(section.HasPath).ToDictionary(name => name, name => section.GetDouble(name), StringComparer.Ordinal);

    private static Dictionary<string, TimeSpan> Delays(Config? section) =>
        section is null ? [] : KmsOperations.All.Where(section.HasPath).ToDictionary(name => name, name => section.GetTimeSpan(name), StringComparer.Ordinal);
}
