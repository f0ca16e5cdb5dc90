namespace KmsActors.Samples.LoadSimulation;

/// <summary>
/// The run phase on virtual time, in rounds: BYOK cycles due by the rate begin (their keys leave the clients'
/// pools), every client makes one call, every live cycle makes one step — all sent in a fixed order from this
/// loop — then injected latency elapses, the round's calls are awaited, and the clock moves to the next round.
/// Nothing in a round depends on the order in which the engine's actors happen to run.
/// </summary>
public sealed class VirtualRounds(Scenario scenario, SimClock clock, KeySet keys, Client[] clients, ByokLifecycle lifecycle, SimulationProgress progress)
{
    public async Task Run(CancellationToken ct)
    {
        var step = scenario.VirtualStep;
        var rounds = (long)Math.Ceiling(scenario.VirtualSpan / step);
        var random = new Random(scenario.Seed ^ 0x5eed);
        var cycling = new List<SimKey>();
        var calls = new List<Task>(clients.Length + 64);
        var due = 0.0;
        for (long round = 0; round < rounds; round++)
        {
            ct.ThrowIfCancellationRequested();
            calls.Clear();
            var starting = new List<SimKey>();
            for (due += scenario.ByokRate.PerSecond * step.TotalSeconds; due >= 1; due--)
            {
                if (PickFree(keys.External, random) is not { } key)
                {
                    due = 0;
                    break;
                }
                lifecycle.Begin(key);
                starting.Add(key);
            }
            foreach (var client in clients)
                calls.Add(client.CallOnce());
            cycling.AddRange(starting);
            foreach (var key in cycling)
                calls.Add(lifecycle.Step(key));
            await clock.AwaitCalls(Task.WhenAll(calls)).ConfigureAwait(false);
            cycling.RemoveAll(key => !key.Busy);
            await clock.Pass(step > clock.LatencyAdvance ? step - clock.LatencyAdvance : TimeSpan.Zero).ConfigureAwait(false);
            progress.VirtualElapsed = step * (round + 1);
        }
    }

    /// <summary>A random EXTERNAL key not in a cycle, or null.</summary>
    public static SimKey? PickFree(IReadOnlyList<SimKey> external, Random random)
    {
        if (external.Count == 0)
            return null;
        var start = random.Next(external.Count);
        for (var probe = 0; probe < Math.Min(external.Count, 64); probe++)
        {
            var key = external[(start + probe) % external.Count];
            if (!key.Busy)
                return key;
        }
        return null;
    }
}
