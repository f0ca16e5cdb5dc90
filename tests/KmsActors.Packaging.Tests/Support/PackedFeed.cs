using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;

namespace KmsActors.Packaging.Tests.Support;

/// <summary>
/// The repository's packages in a temporary feed, and a temporary directory a user outside the repository would work
/// in, whose nuget.config takes KmsActors.* only from that feed and everything else from the registry this machine
/// uses. Packed once for the whole collection.
/// </summary>
/// <remarks>
/// The sources are packed from a copy (src/, hocon/, the props, README, LICENSE) in the temporary directory, not in
/// place: `dotnet test KmsActors.sln` builds and runs the other test projects meanwhile, and a Release build of src/ in
/// place would share obj/ (project.assets.json, the restore's outputs) with them. The copy has its own bin/ and obj/ and
/// nothing else builds there. Each run packs a version of its own (0.1.0-outside.&lt;time&gt;.&lt;random&gt;), and the
/// consumers restore into a global packages folder of their own with the machine's as a fallback folder: the
/// dependencies (Akka, xunit, ...) come from the machine's cache without a download, no stale KmsActors package of an
/// earlier run can be picked up, and nothing is left in the machine's cache.
/// </remarks>
public sealed class PackedFeed : IAsyncLifetime
{
    /// <summary>Only against a hang: a pack that took 1 min of CPU took more than 8 min of wall time on 2 shared cores
    /// at a load average of 50 (other builds). Speed is not asserted here.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(25);

    public PackedFeed()
    {
        Root = Path.Combine(Path.GetTempPath(), $"kmsactors-outside-{Guid.NewGuid():N}"[..30]);
        Version = $"{Repository.VersionPrefix}-outside.{DateTime.UtcNow:yyyyMMddHHmmss}.{Random.Shared.Next(1000, 9999)}";
    }

    /// <summary>The temporary directory everything happens in (deleted at the end).</summary>
    public string Root { get; }

    /// <summary>The version packed this run.</summary>
    public string Version { get; }

    /// <summary>The feed: a folder of .nupkg and .snupkg files.</summary>
    public string Feed => Path.Combine(Root, "feed");

    /// <summary>Where the consumer projects live: its nuget.config and Directory.Build.props apply to them.</summary>
    public string Workspace => Path.Combine(Root, "workspace");

    /// <summary>The consumers' own global packages folder.</summary>
    public string Packages => Path.Combine(Root, "packages");

    public string NuGetConfig => Path.Combine(Workspace, "nuget.config");

    /// <summary>How long `dotnet pack` of the copied sources took.</summary>
    public TimeSpan PackDuration { get; private set; }

    /// <summary>The machine's package sources (name, address), as `dotnet nuget list source` gives them.</summary>
    public IReadOnlyList<(string Name, string Source)> MachineSources { get; private set; } = [];

    /// <summary>Environment for the consumers' commands: their own global packages folder.</summary>
    public IReadOnlyDictionary<string, string?> ConsumerEnvironment => Dotnet.Environment(new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Packages });

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Workspace);
        var sources = Path.Combine(Root, "sources");
        Repository.CopySources(sources);
        await File.WriteAllTextAsync(Path.Combine(sources, "packages.slnx"), """
            <Solution>
              <Project Path="src/KmsActors.Kms/KmsActors.Kms.csproj" />
              <Project Path="src/KmsActors.Hosting/KmsActors.Hosting.csproj" />
              <Project Path="src/KmsActors.TestKit/KmsActors.TestKit.csproj" />
              <Project Path="src/KmsActors.Server/KmsActors.Server.csproj" />
            </Solution>
            """);

        var machine = Dotnet.Environment();
        var watch = Stopwatch.StartNew();
        (await Dotnet.RunAsync(sources, machine, CommandTimeout,
            "pack", "packages.slnx", "-c", "Release", "-o", Feed, $"-p:Version={Version}")).Succeeded();
        PackDuration = watch.Elapsed;

        MachineSources = ParseSources((await Dotnet.RunAsync(Root, machine, CommandTimeout, "nuget", "list", "source", "--format", "short")).Succeeded().Output);
        var machinePackages = (await Dotnet.RunAsync(Root, machine, CommandTimeout, "nuget", "locals", "global-packages", "--list")).Succeeded()
            .Output.Trim().Split(' ', 2)[1].Trim();
        await File.WriteAllTextAsync(NuGetConfig, NuGetConfigText(machinePackages));
        await File.WriteAllTextAsync(Path.Combine(Workspace, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <KmsActorsVersion>{Version}</KmsActorsVersion>
                <XunitVersion>{Repository.PackageVersion("xunit")}</XunitVersion>
                <XunitRunnerVersion>{Repository.PackageVersion("xunit.runner.visualstudio")}</XunitRunnerVersion>
                <TestSdkVersion>{Repository.PackageVersion("Microsoft.NET.Test.Sdk")}</TestSdkVersion>
              </PropertyGroup>
            </Project>
            """);
    }

    /// <summary>Copies a consumer project (Consumers/<paramref name="name"/>) into the workspace; returns its directory.</summary>
    public string AddConsumer(string name)
    {
        var target = Path.Combine(Workspace, name);
        Repository.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "Consumers", name), target);
        return target;
    }

    /// <summary>
    /// The workspace's nuget.config: the feed for KmsActors.* only (packageSourceMapping), the machine's sources for the
    /// rest, the machine's global packages folder as a read-only fallback.
    /// </summary>
    private string NuGetConfigText(string machinePackages)
    {
        var sources = new XElement("packageSources", new XElement("clear"), new XElement("add", new XAttribute("key", "kmsactors-feed"), new XAttribute("value", Feed)));
        var mapping = new XElement("packageSourceMapping",
            new XElement("packageSource", new XAttribute("key", "kmsactors-feed"), new XElement("package", new XAttribute("pattern", "KmsActors.*"))));
        foreach (var (name, source) in MachineSources)
        {
            sources.Add(new XElement("add", new XAttribute("key", name), new XAttribute("value", source)));
            mapping.Add(new XElement("packageSource", new XAttribute("key", name), new XElement("package", new XAttribute("pattern", "*"))));
        }
        return new XDocument(new XElement("configuration",
            new XElement("config", new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", Packages))),
            sources,
            new XElement("fallbackPackageFolders", new XElement("add", new XAttribute("key", "machine"), new XAttribute("value", machinePackages))),
            mapping)).ToString();
    }

    /// <summary>`dotnet nuget list source --format short` prints "E https://…" per enabled source (D: disabled).</summary>
    private static List<(string, string)> ParseSources(string output) =>
    [
        .. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("E ", StringComparison.Ordinal))
            .Select((line, i) => ($"machine-{i.ToString(CultureInfo.InvariantCulture)}", line[2..].Trim())),
    ];

    public Task DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}
