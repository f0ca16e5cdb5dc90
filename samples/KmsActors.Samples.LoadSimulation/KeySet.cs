using KmsActors.Kms.Model;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>The simulation's keys, with the pools each operation picks from (symmetric, HMAC, asymmetric, external).</summary>
public sealed class KeySet
{
    private SimKey[] _symmetric = [], _hmac = [], _asymmetric = [], _external = [];

    public List<SimKey> All { get; } = [];

    public void Seal()
    {
        _symmetric = All.Where(k => k.Spec == KeySpec.SYMMETRIC_DEFAULT).ToArray();
        _hmac = All.Where(k => k.IsHmac).ToArray();
        _asymmetric = All.Where(k => k.IsAsymmetric).ToArray();
        _external = All.Where(k => k.External).ToArray();
    }

    public IReadOnlyList<SimKey> External => _external;

    /// <summary>A key for <paramref name="operation"/>, drawn with <paramref name="random"/>, skipping keys in a
    /// lifecycle cycle; null when the pool has none free.</summary>
    public SimKey? Pick(SimOperation operation, Random random)
    {
        var pool = operation switch
        {
            SimOperation.Encrypt or SimOperation.Decrypt or SimOperation.GenerateDataKey => _symmetric,
            SimOperation.GenerateMac => _hmac,
            SimOperation.Sign or SimOperation.Verify => _asymmetric,
            _ => null,
        };
        var keys = pool is null ? (IReadOnlyList<SimKey>)All : pool;
        if (keys.Count == 0)
            return null;
        var start = random.Next(keys.Count);
        for (var probe = 0; probe < Math.Min(keys.Count, 64); probe++)
        {
            var key = keys[(start + probe) % keys.Count];
            if (!key.Busy)
                return key;
        }
        return null;
    }

    public Dictionary<KeyState, int> CountByState(DateTimeOffset now)
    {
        var counts = new Dictionary<KeyState, int>();
        // Set-up appends while the live view counts: read by index up to the current count.
        for (var i = 0; i < All.Count; i++)
        {
            var state = All[i].StateAt(now);
            counts[state] = counts.GetValueOrDefault(state) + 1;
        }
        return counts;
    }
}
