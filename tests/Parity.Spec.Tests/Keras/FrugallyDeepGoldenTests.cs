using System.Text.Json.Nodes;
using Parity.Engine.Tensors;
using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

/// <summary>
/// frugally-deep's stateful_test models ($PARITY_FIXTURES/real/Dobiasd__frugally-deep/test/stateful_test, MIT):
/// tf.keras GRU(1, reset_after=True, no bias, linear activation) fed an initial_state input, with outputs that real
/// Keras computed (golden_decoded.json). Each case is a first call, so the stateful model computes what the stateless
/// one does (the repo's TF 2.0 log shows identical outputs).
/// </summary>
public class FrugallyDeepGoldenTests
{
    private static string Folder(string root) => Path.Combine(root, "real", "Dobiasd__frugally-deep", "test", "stateful_test");

    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        var root = RepositoryPaths.SharedFixtures;
        var count = root is null ? 1 : Golden(root).Count;
        for (var i = 0; i < count; i++) data.Add(i);
        return data;
    }

    private static JsonArray Golden(string root) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder(root), "golden_decoded.json")))!["cases"]!.AsArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gru_with_initial_state_reproduces_keras(int index)
    {
        var root = RepositoryPaths.RequireSharedFixtures();
        var golden = Golden(root)[index]!;
        var model = KerasGraphReader.Read(Path.Combine(Folder(root), golden["model"]!.GetValue<string>()));
        var inputs = golden["inputs"]!.AsArray().Select(ToTensor).ToList();
        var feed = model.Graph.Inputs.Select((v, i) => (v.Name, inputs[i])).ToDictionary(p => p.Name, p => p.Item2);
        using var result = model.Graph.Compile(feed.ToDictionary(kv => kv.Key, kv => kv.Value.Type)).Run(feed);
        using var want = ToTensor(golden["outputs"]![0]);
        using var got = result.Outputs[model.Graph.Outputs[0]].ToFloat32();

        Assert.Equal(want.Shape, got.Shape);
        var scale = 1.0;
        foreach (var v in want.Floats) scale = Math.Max(scale, Math.Abs(v));
        var diff = TensorComparison.MaxAbsDifference(want.Floats, got.Floats);
        Assert.True(diff <= KerasOracle.RelativeBound * scale, $"{golden["source"]}: max abs diff {diff:G3} > {KerasOracle.RelativeBound * scale:G3}");
    }

    private static Tensor ToTensor(JsonNode? node)
    {
        var values = Flatten(node!["values"]!).ToArray();
        var shape = node["shape"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
        return Tensor.FromArray(values, [1, .. shape]);
    }

    private static IEnumerable<float> Flatten(JsonNode node) =>
        node is JsonArray list ? list.SelectMany(n => Flatten(n!)) : [(float)node.GetValue<double>()];
}
