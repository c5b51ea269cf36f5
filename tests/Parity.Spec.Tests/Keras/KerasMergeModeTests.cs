using System.Text.Json.Nodes;
using Parity.Engine.Tensors;
using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

/// <summary>Keras 1's Merge layer: each mode on a = [1, 2], b = [3, 5], computed by hand.</summary>
public class KerasMergeModeTests
{
    [Theory]
    [InlineData("sum", new[] { 4f, 7f })]            // 1+3, 2+5
    [InlineData("mul", new[] { 3f, 10f })]           // 1*3, 2*5
    [InlineData("ave", new[] { 2f, 3.5f })]          // (1+3)/2, (2+5)/2
    [InlineData("max", new[] { 3f, 5f })]
    [InlineData("concat", new[] { 1f, 2f, 3f, 5f })] // concat_axis -1
    public void Merge_mode_computes_what_keras_1_computes(string mode, float[] expected)
    {
        var model = KerasGraphReader.Read(Model(mode));
        var feed = new Dictionary<string, Tensor>
        {
            [model.Graph.Inputs[0].Name] = Tensor.FromArray([1f, 2f], 1, 2),
            [model.Graph.Inputs[1].Name] = Tensor.FromArray([3f, 5f], 1, 2),
        };
        using var result = model.Graph.Compile(feed.ToDictionary(kv => kv.Key, kv => kv.Value.Type)).Run(feed);
        Assert.Equal(expected, result.Outputs[model.Graph.Outputs[0]].Floats.ToArray());
    }

    [Theory]
    [InlineData("dot")]
    [InlineData("cos")]
    public void Dot_and_cos_modes_are_named_unsupported(string mode)
    {
        var e = Assert.Throws<UnsupportedLayerException>(() => KerasGraphReader.Read(Model(mode)));
        Assert.Equal("merge", e.Layer.Name);
        Assert.Contains(mode, e.Message, StringComparison.Ordinal);
    }

    private static KerasFile Model(string mode)
    {
        JsonObject Input(string name) => new()
        {
            ["class_name"] = "InputLayer",
            ["name"] = name,
            ["config"] = new JsonObject { ["name"] = name, ["batch_input_shape"] = new JsonArray(null, 2) },
            ["inbound_nodes"] = new JsonArray(),
        };
        var merge = new JsonObject
        {
            ["class_name"] = "Merge",
            ["name"] = "merge",
            ["config"] = new JsonObject { ["name"] = "merge", ["mode"] = mode, ["mode_type"] = "raw", ["concat_axis"] = -1 },
            ["inbound_nodes"] = new JsonArray(new JsonArray(new JsonArray("a", 0, 0), new JsonArray("b", 0, 0))),
        };
        var config = new JsonObject
        {
            ["class_name"] = "Model",
            ["config"] = new JsonObject
            {
                ["name"] = "model",
                ["layers"] = new JsonArray(Input("a"), Input("b"), merge),
                ["input_layers"] = new JsonArray(new JsonArray("a", 0, 0), new JsonArray("b", 0, 0)),
                ["output_layers"] = new JsonArray(new JsonArray("merge", 0, 0)),
            },
        };
        return new KerasFile("merge-test", "1.2.2", "", config, new Dictionary<string, IReadOnlyList<KerasWeight>>());
    }
}
