namespace Parity.Validation.Tests;

/// <summary>Locates the repository (the directory holding Parity.sln) from the test binaries, and its folders tests read.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Parity.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Parity.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => LazyRoot.Value;

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string Examples => Path.Combine(Root, "examples");
}
