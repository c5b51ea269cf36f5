namespace Parity.Spec.Tests;

/// <summary>Locates the repository (the directory holding Parity.sln) from the test binaries, and its fixture folders.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string CoreMLFixtures => Path.Combine(Fixtures, "coreml");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Parity.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No directory above {AppContext.BaseDirectory} contains Parity.sln; the tests expect to run inside the repository.");
    }
}
