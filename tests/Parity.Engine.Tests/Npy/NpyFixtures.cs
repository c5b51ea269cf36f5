using System.Runtime.CompilerServices;

namespace Parity.Engine.Tests.Npy;

/// <summary>Locates the NumPy-written fixtures in Data/ next to this source file (they are not copied to the output folder).</summary>
internal static class NpyFixtures
{
    public static string PathOf(string name) => Path.Combine(DataFolder(), name);

    private static string DataFolder([CallerFilePath] string here = "")
    {
        var beside = Path.Combine(Path.GetDirectoryName(here) ?? "", "Data");
        if (Directory.Exists(beside)) return beside;
        // Builds that map source paths (deterministic CI builds) lose the real path; find the folder from the binaries instead.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Parity.Engine.Tests", "Npy", "Data");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"The .npy fixtures were not found beside {here} nor above {AppContext.BaseDirectory}.");
    }
}
