using System.Collections;
using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.Kms.Realism;
using KmsActors.TestKit;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>
/// Runs a <see cref="Scenario"/> against an in-process engine: set-up (create keys, import the EXTERNAL ones),
/// then the run phase — real time (each client calls in a loop until the duration or count is reached) or
/// virtual time (rounds: every client makes one call, live BYOK cycles make one step, then the engine's clock
/// moves by the step). On virtual time the engine uses seeded IDs and the clock starts at <see cref="VirtualEpoch"/>,
/// so the same seed gives the same audit trace.
/// </summary>
public sealed class Simulation(Scenario scenario)
{
    public static readonly DateTimeOffset VirtualEpoch = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public SimulationProgress Progress { get; } = new();

    /// <summary>How long one engine call may take before it fails with AskTimeoutException.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The identity policy of <see cref="Scenario.AppRole"/> with --policies: the clients' calls, from this account only.</summary>
    private const string AppPolicy = """
        {"Version":"2012-10-17","Statement":[{"Sid":"DataPlaneFromThisAccount","Effect":"Allow",
          "Action":["kms:Encrypt","kms:Decrypt","kms:GenerateDataKey","kms:GenerateMac","kms:Sign","kms:Verify","kms:DescribeKey"],
          "Resource":"arn:aws:kms:*:111122223333:key/*","Condition":{"StringEquals":{"kms:CallerAccount":"111122223333"}}}]}
        """;

    /// <summary>The engine configuration of the scenario: journal, virtual scheduler and seeded IDs, realism profile.</summary>
    public Config EngineConfig()
    {
        var hocon = $"""
            kms.journal.provider = {scenario.Journal}
            kms.data-dir = "{scenario.DataDir.Replace("\\", "/", StringComparison.Ordinal)}"
            # Wrapping keys for the simulation's one wrapping spec only, so background RSA generation stays small
            # (none without EXTERNAL keys: generating 32 RSA pairs costs seconds of CPU).
            kms.import.pool {"{"} RSA_2048 = {(scenario.ExternalShare > 0 ? 32 : 0)}, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 {"}"}
            akka.loglevel = WARNING
            """;
        if (scenario.VirtualTime)
            hocon += $"""

                akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
                kms.deterministic-ids {"{"} enabled = on, seed = "{scenario.Seed}" {"}"}
                """;
        if (scenario.Policies)
            hocon += "\nkms.iam.principals = [ { arn = \"" + Scenario.AppRole + "\", policies = [ \"\"\"" + AppPolicy + "\"\"\" ] } ]";
        if (scenario.PassivateAfter is { } passivate)
            hocon += $"\nkms.passivate-after = {(long)passivate.TotalMilliseconds}ms";
        if (scenario.MaxLiveKeys is { } maxLiveKeys)
            hocon += $"\nkms.max-live-keys = {maxLiveKeys.ToString(CultureInfo.InvariantCulture)}";
        return KmsConfiguration.Load(hocon, scenario.Realism ? ["load-simulation"] : [], new Hashtable(), scenario.EngineSwitches);
    }

    public async Task<SimulationResult> RunAsync(CancellationToken ct = default)
    {
        var loadBefore = LoadAverage();
        if (scenario.GcHeapLimitMb is { } heapLimit)
        {
            // What a container's memory limit does to the GC, for this process from now on (GC.RefreshMemoryLimit reads
            // the AppContext value in place of the environment variable read at start).
            AppContext.SetData("GCHeapHardLimit", (ulong)heapLimit * 1024 * 1024);
            GC.RefreshMemoryLimit();
        }
        await using var memory = new MemoryWatch();
        var config = EngineConfig();
        var system = ActorSystem.Create("loadsim", config);
        try
        {
            VirtualClock? virtualClock = null;
            if (scenario.VirtualTime)
            {
                virtualClock = new VirtualClock(system, TimeSpan.FromMinutes(5));
                virtualClock.Scheduler.Advance(VirtualEpoch - virtualClock.Now);
            }
            // Set-up's GetParametersForImport calls wait for RSA-2048 pairs the wrapping-key pool generates (its target
            // is 32, the EXTERNAL keys a few hundred): on a busy machine that outlasts the engine's 30 s default.
            var engine = KmsEngine.Start(system, null, CallTimeout);
            virtualClock?.SettleOn(engine.Actor);
            var audit = scenario.RecordAudit ? AuditRecorder.Start(system) : null;
            var clock = Progress.Clock = new SimClock(system, virtualClock, LatencyAdvance(system));

            Progress.Phase = "set-up";
            var setupWatch = Stopwatch.StartNew();
            var setup = new KeySetup(engine, scenario, Progress.Setup, clock, new ByokLifecycle(engine, Progress.Setup, clock, scenario.ExpireAfter),
                (done, total) => (Progress.SetupDone, Progress.SetupTotal) = (done, total));
            var keys = Progress.Keys = await setup.Run(ct).ConfigureAwait(false);
            // Importing the EXTERNAL keys drained the wrapping-key pool; refilled now, its RSA generation (~0.2 s of
            // CPU a pair here) is not charged to the run, nor does a GetParametersForImport in the run wait for one.
            Progress.Phase = "wrapping keys";
            await engine.RefillPool(ct).ConfigureAwait(false);
            var setupTime = setupWatch.Elapsed;

            Progress.Phase = "run";
            Progress.RunStarted();
            var runWatch = Stopwatch.StartNew();
            var lifecycle = new ByokLifecycle(engine, Progress.Run, clock, scenario.ExpireAfter);
            var clients = Enumerable.Range(0, scenario.Clients)
                .Select(i => new Client(engine, keys, Progress.Run, new OperationPicker(scenario.OperationMix), new Random(scenario.Seed * 7919 + i),
                    scenario.Policies ? CallerIdentity.Of(Scenario.AppRole) : null))
                .ToArray();
            var runStart = clock.Now;
            var runTime = TimeSpan.Zero;
            var gcBefore = GcActivity.Now();
            GcActivity? gcInRun = null;
            if (!scenario.SetupOnly && virtualClock is not null)
                await new VirtualRounds(scenario, clock, keys, clients, lifecycle, Progress).Run(ct).ConfigureAwait(false);
            else if (!scenario.SetupOnly)
            {
                using var threads = WorkerThreadCap.Apply(scenario.Threads);
                (runTime, gcInRun) = await RunRealTime(clients, keys, lifecycle, ct).ConfigureAwait(false);
            }
            if (runTime == TimeSpan.Zero)
                runTime = runWatch.Elapsed;
            gcInRun ??= GcActivity.Now() - gcBefore;
            if (virtualClock is not null)
                await virtualClock.SettleAsync().ConfigureAwait(false);
            else
                await engine.Settle(ct).ConfigureAwait(false);
            var workingSetAfterRun = Environment.WorkingSet / 1048576.0;
            var heapAfterRun = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;

            Progress.Phase = "listing";
            var ids = keys.All.Select(k => k.KeyId).ToHashSet(StringComparer.Ordinal);
            var listingWatch = Stopwatch.StartNew();
            int? listed = scenario.VerifyListing ? (await CountListed(engine, clock, ids).ConfigureAwait(false)).Found : null;
            var listingTime = listingWatch.Elapsed;
            var trace = audit is null ? [] : await AuditTrace(audit).ConfigureAwait(false);
            var result = new SimulationResult
            {
                Scenario = scenario, Setup = Progress.Setup, Run = Progress.Run, SetupTime = setupTime, RunTime = runTime,
                VirtualElapsed = virtualClock is null ? null : clock.Now - runStart,
                KeysCreated = keys.All.Count, KeysImported = keys.External.Count,
                KeysByState = keys.CountByState(clock.Now),
                PeakWorkingSetMb = PeakWorkingSetMb(), WorkingSetAfterRunMb = workingSetAfterRun, ManagedHeapAfterRunMb = heapAfterRun,
                PeakGcCommittedMb = memory.PeakGcCommittedMb, PeakGcHeapMb = memory.PeakGcHeapMb, GcInRun = gcInRun.Value,
                LoadAverageBefore = loadBefore, LoadAverageAfter = LoadAverage(),
                ListedKeys = listed, ListingTime = scenario.VerifyListing ? listingTime : null, AuditTrace = trace,
            };
            await system.Terminate().ConfigureAwait(false);
            if (scenario.Journal is "sqlite")
                result = result with { DatabaseMb = DatabaseMb() };
            if (!scenario.VerifyListing || scenario.Journal is not "sqlite")
                return result;
            Progress.Phase = "restart";
            var restartWatch = Stopwatch.StartNew();
            system = ActorSystem.Create("loadsim", config);
            var (again, firstPage) = await CountListed(KmsEngine.Start(system), new SimClock(system, null, TimeSpan.Zero), ids, restartWatch).ConfigureAwait(false);
            return result with { ListedKeysAfterRestart = again, RestartFirstPageTime = firstPage, RestartListingTime = restartWatch.Elapsed };
        }
        finally
        {
            Progress.Phase = "done";
            await system.Terminate().ConfigureAwait(false);
        }
    }

    /// <summary>Runs the clients until the duration or the call count; returns how long they ran and the garbage
    /// collections meanwhile (the BYOK cycle in flight when they stop is awaited but not counted).</summary>
    private async Task<(TimeSpan Ran, GcActivity Gc)> RunRealTime(Client[] clients, KeySet keys, ByokLifecycle lifecycle, CancellationToken ct)
    {
        var gcBefore = GcActivity.Now();
        var watch = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (scenario.OperationCount is null)
            stop.CancelAfter(scenario.Duration);
        var budget = scenario.OperationCount ?? long.MaxValue;
        var counted = scenario.OperationCount is not null; // a shared counter only when there is a count to keep
        var loops = clients.Select(client => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && (!counted || Interlocked.Decrement(ref budget) >= 0))
                await client.CallOnce().ConfigureAwait(false);
        }, CancellationToken.None)).ToList();
        var byok = RunLifecycleRealTime(keys, lifecycle, stop.Token);
        await Task.WhenAll(loops).ConfigureAwait(false);
        var ran = watch.Elapsed;
        var gc = GcActivity.Now() - gcBefore;
        await stop.CancelAsync().ConfigureAwait(false);
        await byok.ConfigureAwait(false);
        return (ran, gc);
    }

    /// <summary>BYOK cycles at the scenario's rate, one at a time, a third of the interval between steps.</summary>
    private async Task RunLifecycleRealTime(KeySet keys, ByokLifecycle lifecycle, CancellationToken ct)
    {
        if (keys.External.Count == 0 || scenario.ByokRate.PerSecond <= 0)
            return;
        var random = new Random(scenario.Seed ^ 0x5eed);
        var pause = TimeSpan.FromSeconds(1 / scenario.ByokRate.PerSecond / 3);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (VirtualRounds.PickFree(keys.External, random) is { } key)
                {
                    lifecycle.Begin(key);
                    while (key.Busy && !ct.IsCancellationRequested)
                    {
                        await lifecycle.Step(key).ConfigureAwait(false);
                        await Task.Delay(pause, ct).ConfigureAwait(false);
                    }
                }
                else
                {
                    await Task.Delay(pause, ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the run is over; a key left mid-cycle stays as the last step left it
        }
    }

    /// <summary>How far to move virtual time before awaiting a round, so injected latency (on the scheduler) elapses.</summary>
    private static TimeSpan LatencyAdvance(ActorSystem system)
    {
        var settings = RealismGate.Get(system).Settings;
        if (!settings.LatencyEnabled)
            return TimeSpan.Zero;
        return settings.OperationLatency.Values.Append(settings.DefaultLatency).Max();
    }

    /// <summary>Pages through ListKeys (Limit 1000) and counts the simulation's keys among the listed ones; also when
    /// the first page came, on <paramref name="watch"/>.</summary>
    public static async Task<(int Found, TimeSpan FirstPage)> CountListed(KmsEngine engine, SimClock clock, IReadOnlySet<string> ids, Stopwatch? watch = null)
    {
        watch ??= Stopwatch.StartNew();
        var firstPage = TimeSpan.Zero;
        var found = 0;
        string? marker = null;
        while (true)
        {
            ListKeysResponse page;
            try
            {
                page = await engine.ListKeys(new ListKeysRequest { Limit = 1000, Marker = marker }).ConfigureAwait(false);
            }
            catch (KmsException e) when (e.ErrorCode is KmsErrorCodes.ThrottlingException or KmsErrorCodes.KMSInternalException or KmsErrorCodes.DependencyTimeoutException)
            {
                await clock.Pass(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                continue;
            }
            if (firstPage == TimeSpan.Zero)
                firstPage = watch.Elapsed;
            found += page.Keys?.Count(k => k.KeyId is not null && ids.Contains(k.KeyId)) ?? 0;
            if (page.Truncated != true)
                return (found, firstPage);
            marker = page.NextMarker;
        }
    }

    /// <summary>The recorded audit records as CloudTrail JSON, once the recorder has stopped receiving, ordered by
    /// event time then content (records of one instant come from many actors in no fixed order).</summary>
    private static async Task<IReadOnlyList<string>> AuditTrace(AuditRecorder audit)
    {
        // Quiet for 200 ms, counting only records the recorder has handled (a flush before each count): a recorder
        // starved of CPU for 200 ms under load must not look like a finished stream.
        var seen = -1;
        while (true)
        {
            await audit.FlushAsync().ConfigureAwait(false);
            if (audit.Records.Count == seen)
                break;
            seen = audit.Records.Count;
            await Task.Delay(200).ConfigureAwait(false);
        }
        return audit.Records.Select(r => (r.EventTime, Json: AuditJson.Render(r)))
            .OrderBy(x => x.EventTime).ThenBy(x => x.Json, StringComparer.Ordinal).Select(x => x.Json).ToList();
    }

    private double DatabaseMb()
    {
        var directory = new DirectoryInfo(scenario.DataDir);
        return directory.Exists ? directory.GetFiles("kms.db*").Sum(f => f.Length) / 1048576.0 : 0;
    }

    private static double PeakWorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / 1048576.0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
