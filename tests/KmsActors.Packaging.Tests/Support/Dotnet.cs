using System.Diagnostics;
using System.Text;

namespace KmsActors.Packaging.Tests.Support;

/// <summary>Runs the dotnet CLI (or a program it installed) as a user would, outside the test run's own MSBuild.</summary>
public static class Dotnet
{
    /// <summary>The dotnet executable that runs these tests, so the child commands use the same SDK and runtime.</summary>
    public static string Executable { get; } = FindDotnet();

    /// <summary>
    /// Environment for a child command: this process's, less what `dotnet test` sets for its own MSBuild and test host
    /// (a nested build that inherited MSBuildExtensionsPath or MSBuildSDKsPath would build with the outer one's), with
    /// no MSBuild nodes left running afterwards and no first-run noise.
    /// </summary>
    public static Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var environment = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => ((string)e.Key, (string?)e.Value))
            .Where(e => !e.Item1.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) && !e.Item1.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                && !e.Item1.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => e.Item1, e => e.Item2);
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // A tool's launcher finds the runtime here wherever the SDK is installed.
        environment["DOTNET_ROOT"] = Path.GetDirectoryName(new FileInfo(Executable).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Executable);
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
            environment[name] = value;
        return environment;
    }

    /// <summary>Runs `dotnet <paramref name="arguments"/>` in <paramref name="directory"/> and waits for it.</summary>
    public static Task<CommandResult> RunAsync(string directory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] arguments) =>
        RunProgramAsync(Executable, directory, environment, timeout, arguments);

    /// <summary>Runs <paramref name="program"/> and waits for it to exit (killed, with what it printed, after <paramref name="timeout"/>).</summary>
    public static async Task<CommandResult> RunProgramAsync(string program, string directory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] arguments)
    {
        using var process = Start(program, directory, environment, arguments);
        // Read to the end rather than line events: WaitForExitAsync then waits for the process only, not for the pipes,
        // which a compiler server started by a build may keep open long after the build itself has exited.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var watch = Stopwatch.StartNew();
        using (var cancel = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return new CommandResult(Describe(program, arguments), -1, await Drained(stdout) + $"\n[killed after {timeout}]", await Drained(stderr), watch.Elapsed);
            }
        }
        return new CommandResult(Describe(program, arguments), process.ExitCode, await Drained(stdout), await Drained(stderr), watch.Elapsed);
    }

    /// <summary>Starts <paramref name="program"/> with its output redirected (the caller reads it and ends it).</summary>
    public static Process Start(string program, string directory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        process.StandardInput.Close();
        return process;
    }

    private static async Task<string> Drained(Task<string> reading) =>
        await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(5))) == reading ? await reading : "[output still open]";

    private static string Describe(string program, string[] arguments) =>
        $"{Path.GetFileName(program)} {string.Join(' ', arguments)}";

    private static string FindDotnet()
    {
        // DOTNET_HOST_PATH: set by the dotnet CLI for what it starts (the test host among them).
        var host = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
            return host;
        var current = System.Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
            return current;
        return (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"))
            .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("No dotnet executable: not DOTNET_HOST_PATH, not this process, not on PATH.");
    }
}
