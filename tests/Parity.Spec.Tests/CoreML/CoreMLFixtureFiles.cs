namespace Parity.Spec.Tests.CoreML;

/// <summary>Finds Core ML models under a folder: .mlmodel files and .mlpackage directories (not the .mlmodel inside a package).</summary>
internal static class CoreMLFixtureFiles
{
    public static IReadOnlyList<string> Find(string root)
    {
        var found = new List<string>();
        Collect(new DirectoryInfo(root), found);
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>Every Core ML model in tests/fixtures/coreml, relative to that folder, as theory data.</summary>
    public static TheoryData<string> InRepository()
    {
        var data = new TheoryData<string>();
        foreach (string path in Find(RepositoryPaths.CoreMLFixtures))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.CoreMLFixtures, path));
        }

        return data;
    }

    /// <summary>The .mlpackage directories among <see cref="InRepository"/>.</summary>
    public static TheoryData<string> PackagesInRepository()
    {
        var data = new TheoryData<string>();
        foreach (string path in Find(RepositoryPaths.CoreMLFixtures).Where(Directory.Exists))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.CoreMLFixtures, path));
        }

        return data;
    }

    public static string FullPath(string relativePath) => Path.Combine(RepositoryPaths.CoreMLFixtures, relativePath);

    private static void Collect(DirectoryInfo directory, List<string> found)
    {
        foreach (FileInfo file in directory.EnumerateFiles("*.mlmodel"))
        {
            found.Add(file.FullName);
        }

        foreach (DirectoryInfo child in directory.EnumerateDirectories())
        {
            if (child.Name.EndsWith(".mlpackage", StringComparison.OrdinalIgnoreCase))
            {
                found.Add(child.FullName);
            }
            else
            {
                Collect(child, found);
            }
        }
    }
}
