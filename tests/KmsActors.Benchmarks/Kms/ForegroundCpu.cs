using System.Globalization;

namespace KmsActors.Benchmarks.Kms;

/// <summary>
/// CPU time (µs) the process's threads used, leaving out threads at idle priority (nice 19: the wrapping-key pool's
/// top-up generation, which runs during the imports but is GetParametersForImport's work). Linux only
/// (/proc/self/task/*/stat, clock ticks of 10 ms); elsewhere the whole process's CPU time.
/// </summary>
public static class ForegroundCpu
{
    private const int Nice = 16, UserTicks = 11, SystemTicks = 12; // fields after "pid (comm) "

    public static double Microseconds()
    {
        if (!OperatingSystem.IsLinux())
            return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMicroseconds;
        long ticks = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue; // the thread ended meanwhile
            }
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[Nice], CultureInfo.InvariantCulture) >= 19)
                continue;
            ticks += long.Parse(fields[UserTicks], CultureInfo.InvariantCulture) + long.Parse(fields[SystemTicks], CultureInfo.InvariantCulture);
        }
        return ticks * 10_000.0; // USER_HZ = 100
    }
}
