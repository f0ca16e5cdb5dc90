using System.Globalization;

namespace KmsActors.Benchmarks.Kms;

/// <summary>
/// CPU time (µs) the process's threads used, leaving out threads at idle priority (nice 19: the wrapping-key pool's
/// top-up generation, which runs during the imports but is GetParametersForImport's work). Linux: each thread's run
/// time in nanoseconds from /proc/self/task/*/schedstat (its nice value from .../stat); the 10 ms clock ticks of
/// .../stat alone were too coarse for a window of a fifth of a second (±10 % of import.rsa2048's CPU per import).
/// Elsewhere the whole process's CPU time.
/// </summary>
public static class ForegroundCpu
{
    private const int Nice = 16; // field of .../stat after "pid (comm) "

    public static double Microseconds()
    {
        if (!OperatingSystem.IsLinux())
            return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMicroseconds;
        long nanoseconds = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string stat, schedstat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
                schedstat = File.ReadAllText(Path.Combine(task, "schedstat"));
            }
            catch (IOException)
            {
                continue; // the thread ended meanwhile
            }
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[Nice], CultureInfo.InvariantCulture) >= 19)
                continue;
            // schedstat: time on the CPU (ns), time waiting to run (ns), timeslices run.
            nanoseconds += long.Parse(schedstat.AsSpan(0, schedstat.IndexOf(' ')), CultureInfo.InvariantCulture);
        }
        return nanoseconds / 1_000.0;
    }
}
