namespace KmsActors.Kms.Tests;

/// <summary>Files of the repository the tests hold the code to (docs/ pages whose tables must say what the code does).</summary>
internal static class RepositoryFiles
{
    /// <summary>The directory holding KmsActors.sln, found upwards from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The lines of docs/<paramref name="page"/>.</summary>
    public static string[] DocLines(string page) => File.ReadAllLines(Path.Combine(Root, "docs", page));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KmsActors.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Repository root (KmsActors.sln) not found above " + AppContext.BaseDirectory);
    }
}
