namespace Parity.Spec.Tests;

/// <summary>Locates the repository (the directory holding Parity.sln) from the test binaries, its fixture folders, and the optional shared fixtures ($PARITY_FIXTURES).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Examples => Path.Combine(Root, "examples");

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string CoreMLFixtures => Path.Combine(Fixtures, "coreml");

    /// <summary>The shared fixtures folder, or null (callers skip) when PARITY_FIXTURES is unset or missing.</summary>
    public static string? SharedFixtures
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("PARITY_FIXTURES");
            return string.IsNullOrEmpty(path) || !Directory.Exists(path) ? null : path;
        }
    }

    /// <summary>The shared fixtures folder; skips the calling test when it is not available.</summary>
    public static string RequireSharedFixtures() =>
        SharedFixtures ?? throw Xunit.Sdk.SkipException.ForSkip("PARITY_FIXTURES is not set; the conformance suite over ../shared/fixtures is skipped.");

    /// <summary>
    /// A generated coremltools case folder (models, case.json, PyTorch's .npy outputs): the shared one when
    /// PARITY_FIXTURES is set, else the copy bundled under tests/fixtures/coreml when it has the PyTorch outputs; skips
    /// the calling test otherwise.
    /// </summary>
    public static string GeneratedCase(string folder)
    {
        if (SharedFixtures is { } shared) return Path.Combine(shared, "generated", folder);
        var bundled = Path.Combine(CoreMLFixtures, folder);
        return File.Exists(Path.Combine(bundled, "input.npy"))
            ? bundled
            : throw Xunit.Sdk.SkipException.ForSkip($"PARITY_FIXTURES is not set and {folder} is not bundled under tests/fixtures/coreml.");
    }

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
