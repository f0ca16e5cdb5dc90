using System.Xml.Linq;

namespace KmsActors.Packaging.Tests.Support;

/// <summary>The repository these tests were built from: its root, what it packs, the versions it pins.</summary>
public static class Repository
{
    /// <summary>The directory holding KmsActors.sln, above this test's output directory.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The version every package carries (src/Directory.Build.props).</summary>
    public static string VersionPrefix =>
        XDocument.Load(Path.Combine(Root, "src", "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    /// <summary>The version Directory.Packages.props pins for <paramref name="id"/>.</summary>
    public static string PackageVersion(string id) =>
        XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == id).Attribute("Version")!.Value;

    /// <summary>What packing needs, without any bin/ or obj/: src/, hocon/ (embedded in the engine), the props, the README
    /// and LICENSE (packed). Not .git: the copy is not a repository, so its packages name no commit.</summary>
    public static void CopySources(string target)
    {
        CopyDirectory(Path.Combine(Root, "src"), Path.Combine(target, "src"));
        CopyDirectory(Path.Combine(Root, "hocon"), Path.Combine(target, "hocon"));
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "README.md", "LICENSE" })
            File.Copy(Path.Combine(Root, file), Path.Combine(target, file));
    }

    /// <summary>Copies a directory tree, leaving out bin/ and obj/ folders.</summary>
    public static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj"))
                CopyDirectory(directory, Path.Combine(target, name));
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "KmsActors.sln")))
                return directory.FullName;
        throw new InvalidOperationException($"No KmsActors.sln above {AppContext.BaseDirectory}.");
    }
}
