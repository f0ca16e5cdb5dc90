using System.Globalization;
using Akka.Configuration;
using KmsActors.Kms.Model;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>Builds the <see cref="Options"/> from a HOCON scenario file (<c>--scenario FILE</c>, section
/// <c>simulation</c>) and flags; flags win.</summary>
public static class ScenarioLoader
{
    public const string Usage = """
        KmsActors load simulation
          --keys N --clients N --duration 20s | --operations N --seed N --json FILE
          --scenario FILE.conf             HOCON with a simulation { ... } section (flags override it)
          --journal inmem|sqlite --data-dir DIR
          --virtual-time --virtual-span 365d --step 1h
          --realism                        AWS quotas, latency, eventual consistency (hocon/load-simulation.conf)
          --policies                       clients call as an IAM role under identity policies with a condition (authorization cost)
          --mix SYMMETRIC_DEFAULT=0.82,HMAC_256=0.08,ECC_NIST_P256=0.08,RSA_2048=0.02 --external 0.02
          --ops Encrypt=30,Decrypt=25,GenerateDataKey=20,Sign=4,Verify=4,GenerateMac=7,DescribeKey=10
          --byok-rate 1/s (N/s|m|h|d)      --expire-after 30d   --passivate-after 30s
          --max-live-keys N                key actors a region runs at most (least recently used passivated; 0: no limit)
          --gc-heap-limit 700MB            hard limit of the managed heap (MB or GB), as a container memory limit sets it
          --threads N                      most thread-pool worker threads in the run (default: processors; 0: the pool's own)
          --verify-listing --setup-only --setup-concurrency 64 --audit FILE.jsonl --plain
          --kms.some.setting=value         any engine setting
          --endpoints URL,URL | --nodes N  over HTTP against running servers or N cluster nodes it starts (HttpLoad)
        """;

    public static Options Parse(IReadOnlyList<string> args)
    {
        var scenario = new Scenario();
        var file = Value(args, "--scenario");
        if (file is not null)
            scenario = FromHocon(ConfigurationFactory.ParseString(File.ReadAllText(file)).GetConfig("simulation") ?? Config.Empty, scenario);
        string? json = null, audit = null;
        bool plain = false, help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{flag} needs a value.");
            scenario = flag switch
            {
                "--keys" => scenario with { Keys = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--clients" => scenario with { Clients = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--duration" => scenario with { Duration = Duration(Next()) },
                "--operations" => scenario with { OperationCount = long.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => scenario with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--journal" => scenario with { Journal = Next() },
                "--data-dir" => scenario with { DataDir = Next() },
                "--virtual-time" => scenario with { VirtualTime = true },
                "--virtual-span" => scenario with { VirtualSpan = Duration(Next()) },
                "--step" => scenario with { VirtualStep = Duration(Next()) },
                "--realism" => scenario with { Realism = true },
                "--policies" => scenario with { Policies = true },
                "--mix" => scenario with { KeyMix = Pairs(Next(), Enum.Parse<KeySpec>) },
                "--external" => scenario with { ExternalShare = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--ops" => scenario with { OperationMix = Pairs(Next(), Enum.Parse<SimOperation>) },
                "--byok-rate" => scenario with { ByokRate = Rate.Parse(Next()) },
                "--expire-after" => scenario with { ExpireAfter = Duration(Next()) },
                "--passivate-after" => scenario with { PassivateAfter = Duration(Next()) },
                "--max-live-keys" => scenario with { MaxLiveKeys = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--gc-heap-limit" => scenario with { GcHeapLimitMb = Megabytes(Next()) },
                "--threads" => scenario with { Threads = Threads(int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--verify-listing" => scenario with { VerifyListing = true },
                "--setup-only" => scenario with { SetupOnly = true },
                "--setup-concurrency" => scenario with { SetupConcurrency = int.Parse(Next(), CultureInfo.InvariantCulture) },
                _ when flag.StartsWith("--kms.", StringComparison.Ordinal) || flag.StartsWith("--akka.", StringComparison.Ordinal)
                    => scenario with { EngineSwitches = [.. scenario.EngineSwitches, flag] },
                _ => scenario,
            };
            switch (flag)
            {
                case "--json": json = Next(); break;
                case "--audit": audit = Next(); break;
                case "--plain": plain = true; break;
                case "--help" or "-h": help = true; break;
                case "--scenario": i++; break;
            }
        }
        // --audit FILE needs the trace recorded.
        return new Options(audit is null ? scenario : scenario with { RecordAudit = true }, json, audit, plain, help);
    }

    public static Scenario FromHocon(Config c, Scenario s) => s with
    {
        Keys = c.GetInt("keys", s.Keys),
        Clients = c.GetInt("clients", s.Clients),
        Duration = c.GetTimeSpan("duration", s.Duration),
        OperationCount = c.HasPath("operations") ? c.GetLong("operations") : s.OperationCount,
        Seed = c.GetInt("seed", s.Seed),
        Journal = c.GetString("journal", s.Journal),
        DataDir = c.GetString("data-dir", s.DataDir),
        VirtualTime = c.GetBoolean("virtual-time", s.VirtualTime),
        VirtualSpan = c.GetTimeSpan("virtual-span", s.VirtualSpan),
        VirtualStep = c.GetTimeSpan("virtual-step", s.VirtualStep),
        Realism = c.GetBoolean("realism", s.Realism),
        Policies = c.GetBoolean("policies", s.Policies),
        ExternalShare = c.GetDouble("external-share", s.ExternalShare),
        ByokRate = c.HasPath("byok-rate") ? Rate.Parse(c.GetString("byok-rate")) : s.ByokRate,
        ExpireAfter = c.HasPath("expire-after") ? c.GetTimeSpan("expire-after") : s.ExpireAfter,
        PassivateAfter = c.HasPath("passivate-after") ? c.GetTimeSpan("passivate-after") : s.PassivateAfter,
        MaxLiveKeys = c.HasPath("max-live-keys") ? c.GetInt("max-live-keys") : s.MaxLiveKeys,
        GcHeapLimitMb = c.HasPath("gc-heap-limit") ? Megabytes(c.GetString("gc-heap-limit")) : s.GcHeapLimitMb,
        Threads = c.HasPath("threads") ? Threads(c.GetInt("threads")) : s.Threads,
        SetupConcurrency = c.GetInt("setup-concurrency", s.SetupConcurrency),
        KeyMix = c.HasPath("key-mix") ? Weights(c.GetConfig("key-mix"), Enum.GetValues<KeySpec>()) : s.KeyMix,
        OperationMix = c.HasPath("operation-mix") ? Weights(c.GetConfig("operation-mix"), Enum.GetValues<SimOperation>()) : s.OperationMix,
    };

    /// <summary>A --threads value, refused when negative before any set-up runs.</summary>
    private static int Threads(int value) =>
        value >= 0 ? value : throw new FormatException($"--threads takes 0 (the thread pool's own limit) or a positive count, not {value}.");

    /// <summary>"700MB", "1GB" (binary units: 1 GB = 1024 MB).</summary>
    public static int Megabytes(string text)
    {
        var unitStart = text.TakeWhile(char.IsDigit).Count();
        var value = int.Parse(text[..unitStart], CultureInfo.InvariantCulture);
        return text[unitStart..].ToUpperInvariant() switch
        {
            "MB" or "M" or "MIB" => value,
            "GB" or "G" or "GIB" => value * 1024,
            _ => throw new FormatException($"'{text}': a size is N followed by MB or GB."),
        };
    }

    /// <summary>"20s", "250ms", "5m", "1h", "365d".</summary>
    public static TimeSpan Duration(string text)
    {
        var unitStart = text.TakeWhile(ch => char.IsDigit(ch) || ch == '.').Count();
        var value = double.Parse(text[..unitStart], CultureInfo.InvariantCulture);
        return text[unitStart..] switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "s" or "" => TimeSpan.FromSeconds(value),
            "m" => TimeSpan.FromMinutes(value),
            "h" => TimeSpan.FromHours(value),
            "d" => TimeSpan.FromDays(value),
            _ => throw new FormatException($"'{text}': a duration is N followed by ms, s, m, h or d."),
        };
    }

    private static Dictionary<T, double> Pairs<T>(string text, Func<string, T> parse) where T : notnull =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => parse(pair[0].Trim()), pair => double.Parse(pair[1], CultureInfo.InvariantCulture));

    private static Dictionary<T, double> Weights<T>(Config section, IEnumerable<T> names) where T : struct, Enum =>
        names.Where(name => section.HasPath(name.ToString())).ToDictionary(name => name, name => section.GetDouble(name.ToString()));

    private static string? Value(IReadOnlyList<string> args, string flag)
    {
        var at = args.ToList().IndexOf(flag);
        return at >= 0 && at + 1 < args.Count ? args[at + 1] : null;
    }
}
