using System.Runtime.InteropServices;

namespace KmsActors.Kms.Import;

/// <summary>
/// Puts the calling thread at the lowest CPU priority, for background work no caller waits for. On Linux that is the
/// thread's nice value (19), set with setpriority on its thread ID: .NET's Thread.Priority does nothing there.
/// Elsewhere Thread.Priority. Best effort: where neither works the thread keeps its priority.
/// </summary>
internal static class BackgroundPriority
{
    private const int PrioProcess = 0;
    private const int LowestNice = 19;

    public static void LowerCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            Thread.CurrentThread.Priority = ThreadPriority.Lowest;
            return;
        }
        try
        {
            // On Linux PRIO_PROCESS with a thread ID sets that thread's nice value alone.
            _ = SetPriority(PrioProcess, GetThreadId(), LowestNice);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc without gettid (glibc before 2.30): the thread keeps its priority.
        }
    }

    // DllImport, not LibraryImport: both signatures are blittable, and LibraryImport would need unsafe code allowed.
    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);
}
