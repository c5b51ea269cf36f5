using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

/// <summary>Every Keras file in the shared fixtures ($PARITY_FIXTURES) opens and its model config parses.</summary>
public class KerasConformanceTests
{
    public static TheoryData<string> KerasFiles()
    {
        var data = new TheoryData<string>();
        var root = RepositoryPaths.SharedFixtures;
        if (root is null)
        {
            data.Add("");
            return data;
        }
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".h5") || f.EndsWith(".hdf5") || f.EndsWith(".keras"))
                     .Where(f => !f.Contains("inputs_and_outputs") && !f.Contains(Path.Combine("oracle", "")))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KerasFiles))]
    public void Opens_and_parses(string relativePath)
    {
        var root = RepositoryPaths.RequireSharedFixtures();
        var path = Path.Combine(root, relativePath);
        var config = CompanionConfig(path);
        try
        {
            var file = KerasFile.Open(path, config);
            var model = KerasModelConfig.Parse(file.ModelConfig, path);
            Assert.NotEmpty(model.Inputs);
            Assert.NotEmpty(model.Outputs);
            Assert.NotEmpty(file.Weights);
        }
        catch (ModelFormatException e) when (e.Location == "model_config" && e.Message.Contains("--config"))
        {
            // A weights-only file with no config beside it: the one failure a user can fix, and it says how.
        }
    }

    // dl4j's weights-only files sit beside "<stem without _weights>_config.json".
    private static string? CompanionConfig(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        if (!stem.EndsWith("_weights")) return null;
        var config = Path.Combine(Path.GetDirectoryName(path)!, stem[..^"_weights".Length] + "_config.json");
        return File.Exists(config) ? config : null;
    }
}
