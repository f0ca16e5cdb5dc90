using KmsActors.Kms.Model;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>What to simulate: keys, clients, the mix of calls, how long, on which clock and journal.</summary>
public sealed record Scenario
{
    public int Keys { get; init; } = 1_000;
    public int Clients { get; init; } = 100;
    /// <summary>Wall-clock length of the run phase (real time).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>Stop after this many run-phase calls instead (real time); null: run for <see cref="Duration"/>.</summary>
    public long? OperationCount { get; init; }
    public int Seed { get; init; } = 1;
    /// <summary>inmem (default) or sqlite.</summary>
    public string Journal { get; init; } = "inmem";
    public string DataDir { get; init; } = "loadsim-data";

    /// <summary>Drive the engine's scheduler from the simulation: <see cref="VirtualSpan"/> passes in rounds of <see cref="VirtualStep"/>.</summary>
    public bool VirtualTime { get; init; }
    public TimeSpan VirtualSpan { get; init; } = TimeSpan.FromDays(365);
    public TimeSpan VirtualStep { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Apply hocon/load-simulation.conf: AWS quotas, latency, eventual consistency.</summary>
    public bool Realism { get; init; }

    /// <summary>Run the clients as an IAM role (<see cref="AppRole"/>) whose identity policy (kms.iam) allows the data-plane
    /// calls only from this account, under the keys' default policy: every call is authorized with a condition evaluated
    /// against the request, the cost a policy-governed application pays. Off: every call is the account root's.</summary>
    public bool Policies { get; init; }

    /// <summary>The clients' role with <see cref="Policies"/> on.</summary>
    public const string AppRole = "arn:aws:iam::111122223333:role/loadsim-app";

    /// <summary>Share of keys per key spec (normalised).</summary>
    public IReadOnlyDictionary<KeySpec, double> KeyMix { get; init; } = new Dictionary<KeySpec, double>
    {
        [KeySpec.SYMMETRIC_DEFAULT] = 0.82, [KeySpec.HMAC_256] = 0.08, [KeySpec.ECC_NIST_P256] = 0.08, [KeySpec.RSA_2048] = 0.02,
    };

    /// <summary>Share of keys created with Origin=EXTERNAL and imported during set-up.</summary>
    public double ExternalShare { get; init; } = 0.02;

    /// <summary>Relative weight of each operation a client picks.</summary>
    public IReadOnlyDictionary<SimOperation, double> OperationMix { get; init; } = new Dictionary<SimOperation, double>
    {
        [SimOperation.Encrypt] = 30, [SimOperation.Decrypt] = 25, [SimOperation.GenerateDataKey] = 20, [SimOperation.Sign] = 4,
        [SimOperation.Verify] = 4, [SimOperation.GenerateMac] = 7, [SimOperation.DescribeKey] = 10,
    };

    /// <summary>BYOK lifecycle cycles (DeleteImportedKeyMaterial, GetParametersForImport, ImportKeyMaterial) per (virtual) second.</summary>
    public Rate ByokRate { get; init; } = new(1);

    /// <summary>Imported material expires this long after its import (ValidTo); null: KEY_MATERIAL_DOES_NOT_EXPIRE.</summary>
    public TimeSpan? ExpireAfter { get; init; }

    /// <summary>kms.passivate-after for this run; null: the configuration's.</summary>
    public TimeSpan? PassivateAfter { get; init; }

    /// <summary>kms.max-live-keys for this run (0: no limit); null: the configuration's.</summary>
    public int? MaxLiveKeys { get; init; }

    /// <summary>The managed heap's hard limit in MiB (GCHeapHardLimit, set as the run starts), as a container's memory
    /// limit sets it; null: the runtime's own. A run whose live state does not fit fails with OutOfMemoryException.</summary>
    public int? GcHeapLimitMb { get; init; }

    /// <summary>Most worker threads the .NET thread pool may run during a real-time run phase, where the clients and
    /// the engine's actors share it; 0: the pool's own limit. Default: one per processor. The work is CPU-bound, and
    /// threads the pool adds beyond the processors (it had 8 on 2 cores here) only take turns on them: a thread
    /// descheduled mid-message stalls that actor's mailbox for a time slice (p99 31–35 ms against 19 ms with 2).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Keep the audit trace (rendered CloudTrail JSON) in the result; for tests and small runs.</summary>
    public bool RecordAudit { get; init; }

    /// <summary>After the run, page through ListKeys and check every created key is listed (and again after a restart on SQLite).</summary>
    public bool VerifyListing { get; init; }

    /// <summary>Skip the run phase (set-up and listing only), e.g. for the 1,000,000-key SQLite count.</summary>
    public bool SetupOnly { get; init; }

    /// <summary>Calls in flight during set-up.</summary>
    public int SetupConcurrency { get; init; } = 64;

    /// <summary>Extra engine switches, e.g. --kms.snapshot-every=50.</summary>
    public IReadOnlyList<string> EngineSwitches { get; init; } = [];
}
