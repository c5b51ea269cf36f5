namespace Parity.Spec.Tests;

/// <summary>Locates the repository's files and the optional shared fixture folder ($PARITY_FIXTURES) from a test run.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "examples");

    public static string TestFixtures => Path.Combine(Root, "tests", "fixtures");

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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Parity.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Parity.sln above {AppContext.BaseDirectory}.");
    }
}
