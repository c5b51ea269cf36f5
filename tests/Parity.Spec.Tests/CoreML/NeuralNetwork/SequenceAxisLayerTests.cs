using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;
using static Parity.Spec.Tests.CoreML.NeuralNetworkModels;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// Blobs with a sequence axis ([Seq, C, H, W], Batch 1): lengths given through <see cref="CoreMLReadOptions.InputShapes"/>,
/// permute and reshape across Seq, and optional inputs left out. Expected values worked out by hand.
/// </summary>
public class SequenceAxisLayerTests
{
    private static float[] Run(Model model, CoreMLReadOptions options, float[] input, int[] shape)
    {
        using var temp = new TemporaryDirectory();
        var read = CoreMLGraphReader.Read(Write(temp, model), options);
        Assert.Empty(read.Unsupported);
        var graphInput = read.Graph.Inputs.Single();
        Assert.Equal(new Shape(shape), graphInput.Type.Shape);
        using var x = Tensor.FromArray(input, shape);
        using var result = Executor.Run(read.Graph, new Dictionary<string, Tensor> { [graphInput.Name] = x });
        return result[read.Blobs["out"]].Floats.ToArray();
    }

    [Fact]
    public void Permute_moves_the_sequence_axis_into_the_channels()
    {
        // x is 3 steps of [C=2]: blob [Seq=3, C=2, 1, 1] = [[1,2],[3,4],[5,6]]. permute (1, 0, 2, 3) gives
        // [C=2, Seq=3, 1, 1]; read as a [2, 3] array that is the transpose [[1,3,5],[2,4,6]].
        var permute = Layer("permute", "x", "out");
        permute.Permute = new PermuteLayerParams();
        permute.Permute.Axis.AddRange([1, 0, 2, 3]);
        var options = new CoreMLReadOptions { InputShapes = new Dictionary<string, Shape> { ["x"] = new(3, 2) } };
        Assert.Equal([1f, 3, 5, 2, 4, 6], Run(Network([ArrayInput("x", 2)], ["out"], permute), options, [1, 2, 3, 4, 5, 6], [3, 2]));
    }

    [Fact]
    public void Reshape_to_four_dimensions_makes_a_sequence_that_flatten_keeps_per_step()
    {
        // [6] -> targetShape [Seq=3, C=2, 1, 1] (channel-first: values in order), then flatten each step: still
        // [1, 2], [3, 4], [5, 6]; an innerProduct with weights [1, 1] then sums each step: 3, 7, 11.
        var reshape = Layer("reshape", "x", "steps");
        reshape.Reshape = new ReshapeLayerParams();
        reshape.Reshape.TargetShape.AddRange([3, 2, 1, 1]);
        var flatten = Layer("flatten", "steps", "flat");
        flatten.Flatten = new FlattenLayerParams();
        var sum = Layer("sum", "flat", "out");
        sum.InnerProduct = new InnerProductLayerParams { InputChannels = 2, OutputChannels = 1, Weights = Floats(1, 1) };
        var output = Run(Network([ArrayInput("x", 6)], ["out"], reshape, flatten, sum), new CoreMLReadOptions(), [1, 2, 3, 4, 5, 6], [6]);
        Assert.Equal([3f, 7, 11], output);
    }

    [Fact]
    public void An_optional_input_left_out_is_zeros()
    {
        // out = x + state with state optional and not given: Core ML feeds zeros, so out = x.
        var add = new NeuralNetworkLayer { Name = "add", Add = new AddLayerParams() };
        add.Input.AddRange(["x", "state"]);
        add.Output.Add("out");
        var state = ArrayInput("state", 2);
        state.Type.IsOptional = true;
        var output = Run(Network([ArrayInput("x", 2), state], ["out"], add), new CoreMLReadOptions(), [4, 5], [2]);
        Assert.Equal([4f, 5], output);
    }

    [Fact]
    public void A_given_shape_that_is_not_whole_steps_is_a_format_error()
    {
        var copy = Layer("copy", "x", "out");
        copy.Copy = new CopyLayerParams();
        using var temp = new TemporaryDirectory();
        var options = new CoreMLReadOptions { InputShapes = new Dictionary<string, Shape> { ["x"] = new(5) } };
        var e = Assert.Throws<ModelFormatException>(() => CoreMLGraphReader.Read(Write(temp, Network([ArrayInput("x", 2)], ["out"], copy)), options));
        Assert.Contains("multiple of 2", e.Message);
    }
}
