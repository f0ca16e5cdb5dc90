using System.Diagnostics;
using System.Text.RegularExpressions;
using KmsActors.Packaging.Tests.Support;
using Xunit.Abstractions;

namespace KmsActors.Packaging.Tests;

/// <summary>
/// KmsActors as a user outside the repository gets it: projects in a temporary directory that take KmsActors.* only
/// from the packed feed (everything else from the registry this machine uses) and the tool installed from it.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed partial class OutsideTheRepositoryTests(PackedFeed feed, ITestOutputHelper output)
{
    /// <summary>Only against a hang (see PackedFeed's): these builds take about 20 s of CPU.</summary>
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);

    [Fact]
    public async Task a_console_app_hosts_add_kms_actors_from_the_packages_and_decrypts_what_it_encrypted_under_imported_material()
    {
        var app = feed.AddConsumer("ConsoleApp");

        var run = (await Dotnet.RunAsync(app, feed.ConsumerEnvironment, BuildTimeout, "run")).Succeeded();
        Report(run);

        Assert.Matches(@"(?m)^imported: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} Enabled$", run.Output);
        Assert.Matches(@"(?m)^decrypted: hello from outside the repository \(from \d+ bytes\)$", run.Output);
        AssertFromTheFeed("kmsactors.hosting", "kmsactors.kms");
    }

    [Fact]
    public async Task an_xunit_project_on_kms_test_kit_from_the_packages_sees_material_expire_on_virtual_time()
    {
        var project = feed.AddConsumer("ExpiryTests");

        var test = await Dotnet.RunAsync(project, feed.ConsumerEnvironment, BuildTimeout, "test", "--logger", "console;verbosity=normal");
        Report(test);

        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains("Passed ExpiryTests.ValidToTests.imported_material_expires_at_its_valid_to_and_the_key_waits_for_an_import_again", test.Output);
        Assert.Matches(@"Total tests: 1\s+Passed: 1\s", test.Output);
        AssertFromTheFeed("kmsactors.testkit", "kmsactors.kms");
    }

    [Fact]
    public async Task the_tool_installed_from_the_packages_serves_health_on_the_port_it_names_at_start()
    {
        var kmsactors = await InstallTool();
        var workingDirectory = Directory.CreateDirectory(Path.Combine(feed.Root, "server-run")).FullName;
        var watch = Stopwatch.StartNew();
        using var server = Dotnet.Start(kmsactors, workingDirectory, Dotnet.Environment(), "--port", "0", "--in-memory");
        var lines = new List<string>();
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
                return;
            lock (lines)
                lines.Add(line.Data);
            if (ListeningOn().Match(line.Data) is { Success: true } match)
                address.TrySetResult(new Uri(match.Groups[1].Value));
        };
        server.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (lines) lines.Add("stderr: " + line.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            var started = await Task.WhenAny(address.Task, server.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(5)));
            Assert.True(started == address.Task, $"kmsactors named no address (exited: {server.HasExited}):\n{string.Join('\n', lines)}");
            using var http = new HttpClient { BaseAddress = await address.Task, Timeout = TimeSpan.FromSeconds(30) };

            using var health = await http.GetAsync("/health");

            Assert.Equal(200, (int)health.StatusCode);
            Assert.Contains("\"status\":\"ok\"", await health.Content.ReadAsStringAsync());
            output.WriteLine($"kmsactors --port 0 --in-memory: /health 200 on {http.BaseAddress} after {watch.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task the_tool_prints_its_version_its_help_and_its_reference_configuration_and_refuses_an_unknown_flag()
    {
        var kmsactors = await InstallTool();
        var environment = Dotnet.Environment();
        var timeout = TimeSpan.FromMinutes(5);

        var version = (await Dotnet.RunProgramAsync(kmsactors, feed.Root, environment, timeout, "--version")).Succeeded();
        var help = (await Dotnet.RunProgramAsync(kmsactors, feed.Root, environment, timeout, "--help")).Succeeded();
        var wrong = await Dotnet.RunProgramAsync(kmsactors, feed.Root, environment, timeout, "--debug");
        var reference = (await Dotnet.RunProgramAsync(kmsactors, feed.Root, environment, timeout, "--print-reference")).Succeeded();

        Assert.Equal(feed.Version, version.Output.Trim());
        Assert.StartsWith($"kmsactors {feed.Version}: an AWS KMS simulator.", help.Output);
        foreach (var flag in new[] { "--port N", "--data-dir DIR", "--config FILE.conf", "--in-memory", "--verbose", "--no-console", "--kms.<setting>=<value>", "--akka.<setting>=<value>", "--print-reference", "--version", "--help, -h" })
            Assert.Contains($"\n  {flag} ", help.Output);
        Assert.Contains("Examples:", help.Output);
        // The reference configuration travels inside the tool: a user without the repository reads every setting.
        Assert.Contains("passivate-after", reference.Output);
        Assert.Contains("max-held-calls-per-key", reference.Output);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Empty(wrong.Output);
        Assert.StartsWith("kmsactors: Unknown option '--debug'.\nUsage: kmsactors [--port N]", wrong.Error);
        Assert.EndsWith("Run 'kmsactors --help' for what each option does, with examples.\n", wrong.Error);
    }

    private static readonly SemaphoreSlim Installing = new(1, 1);

    /// <summary>Installs the tool from the feed into a temporary tool path (once); returns the command's path.</summary>
    private async Task<string> InstallTool()
    {
        var toolPath = Path.Combine(feed.Root, "tools");
        var command = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "kmsactors.exe" : "kmsactors");
        await Installing.WaitAsync();
        try
        {
            if (!File.Exists(command))
                Report((await Dotnet.RunAsync(feed.Workspace, feed.ConsumerEnvironment, BuildTimeout,
                    "tool", "install", "KmsActors.Server", "--tool-path", toolPath, "--version", feed.Version, "--configfile", feed.NuGetConfig)).Succeeded());
        }
        finally
        {
            Installing.Release();
        }
        return command;
    }

    /// <summary>The packages came from the feed, into the consumers' own packages folder, at this run's version.</summary>
    private void AssertFromTheFeed(params string[] ids)
    {
        foreach (var id in ids)
            Assert.True(File.Exists(Path.Combine(feed.Packages, id, feed.Version.ToLowerInvariant(), $"{id}.{feed.Version.ToLowerInvariant()}.nupkg")),
                $"{id} {feed.Version} is not in {feed.Packages}");
    }

    private void Report(CommandResult result) =>
        output.WriteLine($"`{result.Command}`: {result.Duration.TotalSeconds:F1} s (pack of this run: {feed.PackDuration.TotalSeconds:F1} s)");

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
