using System.Text.Json.Nodes;
using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

/// <summary>
/// Every real Keras fixture the oracle ran ($PARITY_FIXTURES/oracle, outputs of TensorFlow.js layers, an independent
/// Keras implementation) agrees with Parity layer by layer, or fails only with a named unsupported layer.
/// </summary>
public class KerasOracleTests
{
    public static TheoryData<string> Entries()
    {
        var data = new TheoryData<string>();
        var root = RepositoryPaths.SharedFixtures;
        if (root is null)
        {
            data.Add("");
            return data;
        }
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(root, "oracle")).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(dir, "summary.json")) && !File.Exists(Path.Combine(dir, "failure.json")))
            {
                data.Add(Path.GetFileName(dir));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Agrees_with_the_oracle_layer_by_layer(string entry)
    {
        var root = RepositoryPaths.RequireSharedFixtures();
        var folder = Path.Combine(root, "oracle", entry);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")))!.AsObject();
        // summary.json names files from the folder above shared/, e.g. "shared/fixtures/real/...".
        var workspace = Directory.GetParent(Path.GetFullPath(root))!.Parent!.FullName;
        var model = Path.Combine(workspace, summary["model_file"]!.GetValue<string>());
        string? config = null;
        if (summary["config_source"]?.GetValue<string>() is { } source && source.EndsWith(".json", StringComparison.Ordinal))
        {
            config = Path.Combine(workspace, source);
            if (!File.Exists(config)) Assert.Skip($"the oracle read this weights-only file with a config that is not in the fixtures ({source}).");
        }
        try
        {
            var result = KerasOracle.Compare(model, folder, config);
            Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));
            Assert.True(result.Compared > 0, "nothing was compared");
        }
        catch (UnsupportedLayerException e)
        {
            Assert.Skip($"unsupported: {e.Message}");
        }
    }
}
