using System.Text.Json.Nodes;
using Parity.Engine.Tensors;
using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

/// <summary>A Sequential model of one Keras layer, from its class name, config JSON and weights, run on one input.</summary>
internal static class KerasOneLayerModel
{
    /// <summary>The model as a Keras file of <paramref name="kerasVersion"/>; the input shape (batch included) is fixed in the config.</summary>
    public static KerasFile File(string className, string configJson, int[] inputShape, Tensor[] weights, string kerasVersion = "2.9.0", string inputDType = "float32")
    {
        var config = JsonNode.Parse(configJson)!.AsObject();
        config["name"] = "layer";
        config["batch_input_shape"] = new JsonArray(inputShape.Select(d => (JsonNode)d).ToArray());
        config["dtype"] = inputDType;
        var model = new JsonObject
        {
            ["class_name"] = "Sequential",
            ["config"] = new JsonObject
            {
                ["name"] = "model",
                ["layers"] = new JsonArray(new JsonObject { ["class_name"] = className, ["config"] = config }),
            },
        };
        var named = weights.Select((w, i) => new KerasWeight($"layer/weight_{i}:0", w)).ToList();
        return new KerasFile("one-layer.h5", kerasVersion, "tensorflow", model, new Dictionary<string, IReadOnlyList<KerasWeight>> { ["layer"] = named });
    }

    /// <summary>Runs the layer on <paramref name="input"/> (its shape is the model's input shape) and returns the output values and shape.</summary>
    public static (float[] Values, int[] Shape) Run(string className, string configJson, Tensor input, Tensor[]? weights = null, string kerasVersion = "2.9.0") =>
        Run(File(className, configJson, input.Shape.Dims.ToArray(), weights ?? [], kerasVersion), input);

    public static (float[] Values, int[] Shape) Run(KerasFile file, Tensor input)
    {
        var graph = KerasGraphReader.Read(file).Graph;
        var feed = new Dictionary<string, Tensor> { [graph.Inputs[0].Name] = input };
        using var result = graph.Compile(feed.ToDictionary(kv => kv.Key, kv => kv.Value.Type)).Run(feed);
        var output = result.Outputs[graph.Outputs[0]];
        return (output.Floats.ToArray(), output.Shape.Dims.ToArray());
    }

    /// <summary>Reads the model only (for configs that must be refused).</summary>
    public static KerasModel Read(string className, string configJson, int[] inputShape, Tensor[]? weights = null, string kerasVersion = "2.9.0") =>
        KerasGraphReader.Read(File(className, configJson, inputShape, weights ?? [], kerasVersion));

    public static void AssertClose(float[] expected, float[] actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]} (all: [{string.Join(", ", actual)}])");
        }
    }
}
