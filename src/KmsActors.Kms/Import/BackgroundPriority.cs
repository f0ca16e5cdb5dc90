using System.Runtime.InteropServices;

namespace KmsActors.Kms.Import;

/// <summary>
/// Puts the calling thread at the lowest CPU priority, for background work no caller waits for. On Linux that is the
/// thread's nice value (19): setpriority(PRIO_PROCESS, 0, …) sets the calling thread's alone there (Linux keeps nice
/// per thread), and .NET's Thread.Priority does nothing. Elsewhere Thread.Priority. Best effort: where neither works
/// the thread keeps its priority.
/// </summary>
internal static class BackgroundPriority
{
    private const int PrioProcess = 0;
    private const int CallingThread = 0;
    private const int LowestNice = 19;

    public static void LowerCurrentThread()
    {
        try
        {
            if (OperatingSystem.IsLinux())
                _ = SetPriority(PrioProcess, CallingThread, LowestNice);
            else
                Thread.CurrentThread.Priority = ThreadPriority.Lowest;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or PlatformNotSupportedException or ThreadStateException)
        {
            // No way to lower it here: the thread keeps its priority.
        }
    }

    // DllImport, not LibraryImport: the signature is blittable, and LibraryImport would need unsafe code allowed.
    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);
}
