using System.Runtime;

namespace KmsActors.Benchmarks.Kms;

/// <summary>
/// Warms a measured call path until the JIT is done with it, so a window measures the path's steady cost, not the
/// runtime's tiered compilation. A method starts as quick unoptimized code; once no new method has been compiled for
/// 100 ms (the tiering delay) its calls are counted, and after 30 calls it is recompiled optimized on the runtime's
/// "Tiered Compilation" thread. A warm-up run in one go ends before that delay has passed, so the recompilation of the
/// whole path lands in the measured window: with import.rsa2048's former 64 imports in one go, that thread took about a
/// third of the process's CPU in the window (and, as it inherits the nice value of whichever thread started it, it
/// sometimes ran at idle priority, unmeasured but holding the path on slow code: the figures swung with it).
/// Hence rounds, each followed by a pause past the delay and a wait until the JIT is quiet, until a round compiles
/// nothing new.
/// </summary>
public static class JitSettle
{
    /// <summary>Calls <paramref name="round"/> (with the round's number) until a round and its pause compile no method,
    /// at most <paramref name="maxRounds"/> times; returns the rounds run.</summary>
    public static async Task<int> WarmAsync(Func<int, Task> round, int maxRounds)
    {
        for (var i = 0; i < maxRounds; i++)
        {
            var before = JitInfo.GetCompiledMethodCount();
            await round(i);
            await Task.Delay(250); // past the tiering delay: the round's calls are counted from now on
            await QuietAsync();
            if (JitInfo.GetCompiledMethodCount() == before)
                return i + 1;
        }
        return maxRounds;
    }

    /// <summary>Waits until no method has been compiled for 300 ms (at most 20 s).</summary>
    public static async Task QuietAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var last = JitInfo.GetCompiledMethodCount();
        var quietSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != last)
            {
                last = now;
                quietSince = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - quietSince >= TimeSpan.FromMilliseconds(300))
            {
                return;
            }
        }
    }
}
