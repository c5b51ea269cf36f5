using System.Text.Json;
using Parity.Validation.Metrics;

namespace Parity.Validation.Tests.Reference;

/// <summary>The generated PyTorch -> Core ML cases in $PARITY_FIXTURES/generated: folders, and the tolerance each case.json states per converted file.</summary>
internal static class GeneratedCases
{
    public static string Folder(string name)
    {
        var root = Environment.GetEnvironmentVariable("PARITY_FIXTURES");
        var folder = root is null ? null : Path.Combine(root, "generated", name);
        if (folder is null || !Directory.Exists(folder)) Assert.Skip($"PARITY_FIXTURES is not set or has no generated/{name}; the recorded-source checks are skipped.");
        return folder!;
    }

    public static Tolerance ToleranceOf(string folder, string convertedFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "case.json")));
        var entry = document.RootElement.GetProperty("tolerance").GetProperty(convertedFile);
        return new Tolerance($"case.json {convertedFile}", entry.GetProperty("atol").GetDouble(), entry.GetProperty("rtol").GetDouble());
    }

    /// <summary>A writable copy of a case's case.json and .npy files (the converted model stays where it is).</summary>
    public static string CopyDump(string folder, bool withCaseJson = true)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"parity-dump-{Guid.NewGuid():N}");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(folder, "*.npy").Concat(withCaseJson ? [Path.Combine(folder, "case.json")] : []))
        {
            var target = Path.Combine(copy, Path.GetFileName(file));
            File.Copy(file, target);
            File.SetAttributes(target, FileAttributes.Normal);
        }
        return copy;
    }
}
