using System.Runtime.InteropServices;

namespace KmsActors.Benchmarks.Kms;

/// <summary>
/// CPU time (µs) the whole process has used, all threads, including those that have ended. On Linux
/// clock_gettime(CLOCK_PROCESS_CPUTIME_ID), in nanoseconds: the 10 ms clock ticks of /proc/self/stat (what
/// Process.TotalProcessorTime reads there) were too coarse for import.rsa2048's windows of a twentieth of a second.
/// Elsewhere Process.TotalProcessorTime.
/// </summary>
public static class ProcessCpu
{
    private const int ClockProcessCpuTime = 2;

    public static double Microseconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockProcessCpuTime, out var time) == 0)
            return time.Seconds * 1e6 + time.Nanoseconds / 1e3;
        return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMicroseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport, not LibraryImport: the signature is blittable, and LibraryImport would need unsafe code allowed.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
