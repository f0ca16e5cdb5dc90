using Akka.Configuration;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Realism;

/// <summary>
/// kms.realism.faults (docs/limits.md, "Injected faults"): a configured share of each operation's calls fails with one
/// of AWS's transient server-side errors, KMSInternalException (HTTP 500) or DependencyTimeoutException (HTTP 503),
/// which AWS documents as retryable and the AWS SDKs retry. An operation is answered only with an error its model
/// lists (GenerateMac, TagResource, ReplicateKey, … list no DependencyTimeoutException). A faulted call is refused
/// before the engine sees it, so it changes nothing. With kms.deterministic-ids on, the draws come from the seed in
/// the order callers send, so a seeded simulation faults the same calls every run; otherwise they are random.
/// </summary>
public sealed class InjectedFaults
{
    /// <summary>The API reference's description of KMSInternalException (AWS documents no other wording for it).</summary>
    public const string InternalMessage = "The request was rejected because an internal exception occurred. The request can be retried.";

    /// <summary>The API reference's description of DependencyTimeoutException.</summary>
    public const string DependencyTimeoutMessage = "The system timed out while trying to fulfill the request. You can retry the request.";

    /// <summary>The errors a fault may answer, in the order a draw picks from.</summary>
    public static readonly IReadOnlyList<string> TransientErrors = [KmsErrorCodes.KMSInternalException, KmsErrorCodes.DependencyTimeoutException];

    private readonly RealismSettings _settings;
    private readonly ulong _seed;
    private long _draws;

    public InjectedFaults(RealismSettings settings)
    {
        _settings = settings;
        _seed = settings.FaultSeed is { } seed ? Mix(Fnv1a(seed)) : 0;
    }

    /// <summary>kms.realism.faults.errors as configured: a subset of <see cref="TransientErrors"/>; null or empty: both.</summary>
    public static IReadOnlyList<string> ErrorsFrom(IList<string>? configured)
    {
        if (configured is null || configured.Count == 0)
            return TransientErrors;
        foreach (var error in configured)
        {
            if (!TransientErrors.Contains(error))
                throw new ConfigurationException($"kms.realism.faults.errors lists '{error}': only {string.Join(" and ", TransientErrors)} are injected.");
        }
        return TransientErrors.Where(configured.Contains).ToArray();
    }

    /// <summary>The share of <paramref name="operation"/>'s calls that fail.</summary>
    public double RateOf(string operation) =>
        _settings.OperationFaultRates.TryGetValue(operation, out var rate) ? rate : _settings.DefaultFaultRate;

    /// <summary>The errors <paramref name="operation"/> may be faulted with: the configured ones its model lists. None for an
    /// operation outside the model (CreateKeyWithId, the seeder's own request, is never faulted).</summary>
    public IReadOnlyList<string> ErrorsOf(string operation) =>
        KmsCatalogue.Operations.TryGetValue(operation, out var spec) ? _settings.FaultErrors.Where(spec.Errors.Contains).ToArray() : [];

    /// <summary>The fault this call meets, or null when it goes through. One draw per call of a faultable operation.</summary>
    public KmsException? Draw(KmsCommand command)
    {
        var operation = command.Operation;
        var rate = RateOf(operation);
        if (rate <= 0)
            return null;
        var errors = ErrorsOf(operation);
        if (errors.Count == 0)
            return null;
        var (chance, pick) = NextDraw();
        if (chance >= rate)
            return null;
        return errors[(int)(pick % (ulong)errors.Count)] == KmsErrorCodes.DependencyTimeoutException
            ? new KmsException(KmsErrorCodes.DependencyTimeoutException, DependencyTimeoutMessage)
            : KmsException.Internal(InternalMessage);
    }

    /// <summary>A uniform number in [0, 1) and a second, independent one for the error's pick.</summary>
    private (double Chance, ulong Pick) NextDraw()
    {
        ulong bits;
        if (_settings.FaultSeed is null)
            bits = (ulong)Random.Shared.NextInt64() ^ ((ulong)Random.Shared.Next() << 63);
        else
            bits = Mix(_seed + (ulong)Interlocked.Increment(ref _draws) * 0x9E3779B97F4A7C15UL);
        return ((bits >> 11) * (1.0 / (1UL << 53)), Mix(bits));
    }

    // SplitMix64's finalizer: a counter through it gives a well-spread sequence, the same on every run and platform.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
            hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }
}
