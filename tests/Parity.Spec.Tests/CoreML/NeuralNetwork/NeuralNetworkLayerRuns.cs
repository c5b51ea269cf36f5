using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;
using static Parity.Spec.Tests.CoreML.NeuralNetworkModels;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML;

/// <summary>One-layer NeuralNetwork models for the layer-family tests: build, write, read, run, and read back one blob with its shape.</summary>
internal static class NeuralNetworkLayerRuns
{
    /// <summary>A named input array (float32) with its declared shape.</summary>
    public sealed record Feed(string Name, float[] Values, params int[] Shape);

    /// <summary>Runs <paramref name="layers"/> on <paramref name="inputs"/> (rank-N shapes kept: EXACT_ARRAY_MAPPING) and returns blob "out".</summary>
    public static (float[] Values, int[] Shape) RunND(Feed[] inputs, params NeuralNetworkLayer[] layers) =>
        Run(inputs, NeuralNetworkMultiArrayShapeMapping.ExactArrayMapping, "out", layers);

    /// <summary>As <see cref="RunND"/>, but rank-5 era mapping: a [C, H, W] input is the blob [1, C, H, W].</summary>
    public static (float[] Values, int[] Shape) RunRank5(Feed[] inputs, params NeuralNetworkLayer[] layers) =>
        Run(inputs, NeuralNetworkMultiArrayShapeMapping.Rank5ArrayMapping, "out", layers);

    public static (float[] Values, int[] Shape) Run(Feed[] inputs, NeuralNetworkMultiArrayShapeMapping mapping, string blob, params NeuralNetworkLayer[] layers)
    {
        var outputs = RunAll(inputs, mapping, [blob], layers);
        return outputs[blob];
    }

    public static Dictionary<string, (float[] Values, int[] Shape)> RunAll(Feed[] inputs, NeuralNetworkMultiArrayShapeMapping mapping, string[] blobs, params NeuralNetworkLayer[] layers)
    {
        var model = Network(inputs.Select(i => ArrayInput(i.Name, i.Shape.Select(d => (long)d).ToArray())), blobs, layers);
        model.NeuralNetwork.ArrayInputShapeMapping = mapping;
        using var temp = new TemporaryDirectory();
        var read = CoreMLGraphReader.Read(Write(temp, model));
        Assert.Empty(read.Unsupported);
        var feeds = inputs.ToDictionary(i => i.Name, i => Tensor.FromArray(i.Values, i.Shape));
        using var result = Executor.Run(read.Graph, feeds);
        foreach (var feed in feeds.Values) feed.Dispose();
        return blobs.ToDictionary(b => b, b =>
        {
            var tensor = result[read.Blobs[b]];
            return (tensor.Floats.ToArray(), tensor.Shape.ToArray());
        });
    }

    /// <summary>Reads a model whose single layer cannot be executed and returns the unsupported entry.</summary>
    public static UnsupportedLayer Unsupported(Feed[] inputs, NeuralNetworkLayer layer)
    {
        var model = Network(inputs.Select(i => ArrayInput(i.Name, i.Shape.Select(d => (long)d).ToArray())), ["out"], layer);
        model.NeuralNetwork.ArrayInputShapeMapping = NeuralNetworkMultiArrayShapeMapping.ExactArrayMapping;
        using var temp = new TemporaryDirectory();
        var e = Assert.Throws<UnsupportedLayerException>(() => CoreMLGraphReader.Read(Write(temp, model)));
        return e.Layer;
    }

    /// <summary>A layer reading <paramref name="inputs"/> and writing "out".</summary>
    public static NeuralNetworkLayer Node(string name, params string[] inputs) => Node(name, inputs, ["out"]);

    public static NeuralNetworkLayer Node(string name, string[] inputs, string[] outputs)
    {
        var layer = new NeuralNetworkLayer { Name = name };
        layer.Input.AddRange(inputs);
        layer.Output.AddRange(outputs);
        return layer;
    }

    public static void Close(float[] expected, float[] actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var bound = tolerance * Math.Max(1f, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= bound || (float.IsNaN(expected[i]) && float.IsNaN(actual[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]} (bound {bound}).");
        }
    }
}
