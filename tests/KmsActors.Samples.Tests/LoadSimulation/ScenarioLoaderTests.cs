using KmsActors.Kms.Model;
using KmsActors.Samples.LoadSimulation;

namespace KmsActors.Samples.Tests.LoadSimulation;

public sealed class ScenarioLoaderTests
{
    [Fact]
    public void flags_set_the_scenario_and_the_outputs()
    {
        var options = ScenarioLoader.Parse(["--keys", "10000", "--clients", "1000", "--duration", "20s", "--seed", "3", "--json", "out.json",
            "--mix", "SYMMETRIC_DEFAULT=0.9,RSA_2048=0.1", "--byok-rate", "30/m", "--virtual-time", "--kms.snapshot-every=5"]);

        var s = options.Scenario;
        Assert.Equal((10_000, 1_000, TimeSpan.FromSeconds(20), 3, true), (s.Keys, s.Clients, s.Duration, s.Seed, s.VirtualTime));
        Assert.Equal("out.json", options.JsonPath);
        Assert.Equal(0.1, s.KeyMix[KeySpec.RSA_2048]);
        Assert.Equal(0.5, s.ByokRate.PerSecond);
        Assert.Equal(["--kms.snapshot-every=5"], s.EngineSwitches);
    }

    [Fact]
    public void max_live_keys_reaches_the_engine_configuration_and_is_left_to_it_when_not_given()
    {
        var limited = ScenarioLoader.Parse(["--keys", "100000", "--max-live-keys", "20000"]).Scenario;
        var unlimited = ScenarioLoader.Parse(["--keys", "100000"]).Scenario;

        Assert.Equal(20_000, limited.MaxLiveKeys);
        Assert.Equal(20_000, new Simulation(limited).EngineConfig().GetInt("kms.max-live-keys"));
        Assert.Null(unlimited.MaxLiveKeys);
        Assert.Equal(0, new Simulation(unlimited).EngineConfig().GetInt("kms.max-live-keys"));
        Assert.Contains("--max-live-keys N", ScenarioLoader.Usage);
    }

    [Fact]
    public void gc_heap_limit_takes_megabytes_or_gigabytes_and_refuses_other_units()
    {
        Assert.Equal(700, ScenarioLoader.Parse(["--gc-heap-limit", "700MB"]).Scenario.GcHeapLimitMb);
        Assert.Equal(2048, ScenarioLoader.Parse(["--gc-heap-limit", "2GB"]).Scenario.GcHeapLimitMb);
        Assert.Null(ScenarioLoader.Parse(["--keys", "10"]).Scenario.GcHeapLimitMb);
        Assert.Throws<FormatException>(() => ScenarioLoader.Parse(["--gc-heap-limit", "700kB"]));
        Assert.Contains("--gc-heap-limit", ScenarioLoader.Usage);
    }

    [Fact]
    public void threads_default_to_one_per_processor_and_zero_leaves_the_pool_alone()
    {
        Assert.Equal(Environment.ProcessorCount, ScenarioLoader.Parse(["--keys", "10"]).Scenario.Threads);
        Assert.Equal(0, ScenarioLoader.Parse(["--threads", "0"]).Scenario.Threads);
        Assert.Contains("--threads N", ScenarioLoader.Usage);
        Assert.Throws<FormatException>(() => ScenarioLoader.Parse(["--threads", "-1"]));
        Assert.Null(WorkerThreadCap.Apply(0));
    }

    [Fact]
    public void a_hocon_scenario_file_is_read_and_flags_override_it()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """
            simulation {
              keys = 500
              clients = 20
              expire-after = 30d
              max-live-keys = 5000
              threads = 3
              operation-mix { Encrypt = 1, DescribeKey = 1 }
            }
            """);

        var s = ScenarioLoader.Parse(["--scenario", path, "--clients", "7"]).Scenario;

        Assert.Equal((500, 7, TimeSpan.FromDays(30), 5000, 3), (s.Keys, s.Clients, s.ExpireAfter, s.MaxLiveKeys, s.Threads));
        Assert.Equal([SimOperation.Encrypt, SimOperation.DescribeKey], s.OperationMix.Keys.Order());
        File.Delete(path);
    }
}

/// <summary>Changes the process's thread-pool limit: not run beside other tests.</summary>
[CollectionDefinition(nameof(ThreadPoolLimit), DisableParallelization = true)]
public sealed class ThreadPoolLimit;

[Collection(nameof(ThreadPoolLimit))]
public sealed class WorkerThreadCapTests
{
    [Fact]
    public void the_worker_thread_cap_holds_while_held_and_puts_the_previous_limit_back()
    {
        ThreadPool.GetMaxThreads(out var before, out var io);
        ThreadPool.GetMinThreads(out var min, out _);
        using (var cap = WorkerThreadCap.Apply(min + 1))
        {
            ThreadPool.GetMaxThreads(out var during, out var ioDuring);
            Assert.Equal((min + 1, io), (during, ioDuring));
            Assert.Equal(min + 1, cap!.Applied);
        }
        ThreadPool.GetMaxThreads(out var after, out _);
        Assert.Equal(before, after);
    }
}
