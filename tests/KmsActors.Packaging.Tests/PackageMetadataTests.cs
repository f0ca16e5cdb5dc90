using System.IO.Compression;
using System.Xml.Linq;
using KmsActors.Packaging.Tests.Support;

namespace KmsActors.Packaging.Tests;

/// <summary>What the packed .nupkg files say about themselves, as nuget.org and an IDE would show it.</summary>
[Collection(PackedFeedCollection.Name)]
public sealed class PackageMetadataTests(PackedFeed feed)
{
    public static TheoryData<string> Packages => new() { "KmsActors.Kms", "KmsActors.Hosting", "KmsActors.TestKit", "KmsActors.Server" };

    [Theory]
    [MemberData(nameof(Packages))]
    public void each_package_has_the_version_the_licence_of_license_the_readme_tags_a_description_and_symbols(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(feed.Feed, $"{id}.{feed.Version}.nupkg"));
        var metadata = Nuspec(package);

        Assert.Equal(id, Value(metadata, "id"));
        Assert.Equal(feed.Version, Value(metadata, "version"));
        Assert.Equal("The KmsActors authors", Value(metadata, "authors"));
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.StartsWith("MIT License", File.ReadAllText(Path.Combine(Repository.Root, "LICENSE")));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Equal(File.ReadAllText(Path.Combine(Repository.Root, "README.md")), new StreamReader(package.GetEntry("README.md")!.Open()).ReadToEnd());
        Assert.Contains("kms", Value(metadata, "tags").Split(' '));
        Assert.True(Value(metadata, "description").Length > 80, Value(metadata, "description"));
        Assert.True(File.Exists(Path.Combine(feed.Feed, $"{id}.{feed.Version}.snupkg")));
    }

    [Theory]
    [InlineData("KmsActors.Kms")]
    [InlineData("KmsActors.Hosting")]
    [InlineData("KmsActors.TestKit")]
    public void the_libraries_carry_their_assembly_and_its_xml_documentation(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(feed.Feed, $"{id}.{feed.Version}.nupkg"));

        Assert.NotNull(package.GetEntry($"lib/net10.0/{id}.dll"));
        Assert.NotNull(package.GetEntry($"lib/net10.0/{id}.xml"));
    }

    [Fact]
    public void the_libraries_depend_on_each_other_at_the_same_version()
    {
        using var package = ZipFile.OpenRead(Path.Combine(feed.Feed, $"KmsActors.TestKit.{feed.Version}.nupkg"));
        var kms = Nuspec(package).Descendants().Single(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "KmsActors.Kms");

        Assert.Equal(feed.Version, (string?)kms.Attribute("version"));
    }

    [Fact]
    public void the_server_is_a_dotnet_tool_named_kmsactors()
    {
        using var package = ZipFile.OpenRead(Path.Combine(feed.Feed, $"KmsActors.Server.{feed.Version}.nupkg"));
        var packageType = Nuspec(package).Descendants().Single(e => e.Name.LocalName == "packageType");
        var settings = XDocument.Load(package.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());

        Assert.Equal("DotnetTool", (string?)packageType.Attribute("name"));
        Assert.Equal("kmsactors", (string?)settings.Descendants("Command").Single().Attribute("Name"));
        Assert.Equal("KmsActors.Server.dll", (string?)settings.Descendants("Command").Single().Attribute("EntryPoint"));
    }

    private static XElement Nuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        return XDocument.Load(entry.Open()).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string Value(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? throw new Xunit.Sdk.XunitException($"No <{name}> in the nuspec.");
}
