using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;
using static Parity.Spec.Tests.CoreML.NeuralNetworkModels;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML;

/// <summary>Tiny models whose outputs are worked out by hand from NeuralNetwork.proto's definitions.</summary>
public class NeuralNetworkHandComputedTests
{
    private static float[] Run(Model model, float[] input, params int[] inputShape)
    {
        using var temp = new TemporaryDirectory();
        var read = CoreMLGraphReader.Read(Write(temp, model));
        Assert.Empty(read.Unsupported);
        var graphInput = read.Graph.Inputs.Single();
        Assert.Equal(new Shape(inputShape), graphInput.Type.Shape);
        using var result = Executor.Run(read.Graph, new Dictionary<string, Tensor> { [graphInput.Name] = Tensor.FromArray(input, inputShape) });
        return result[read.Blobs["out"]].Floats.ToArray();
    }

    [Fact]
    public void Image_scaler_applies_scale_then_the_bias_of_each_channel_in_BGR_order()
    {
        var model = Network([ImageInput("image", ImageFeatureType.Types.ColorSpace.Bgr, 1, 2)], ["out"], Identity("id", "image", "out"));
        model.NeuralNetwork.Preprocessing.Add(new NeuralNetworkPreprocessing
        {
            FeatureName = "image",
            Scaler = new NeuralNetworkImageScaler { ChannelScale = 0.5f, BlueBias = 10, GreenBias = 20, RedBias = 30 },
        });
        // Planes in the image's own order B, G, R: y = 0.5 x + bias of that colour.
        // B: 0.5*2+10 = 11, 0.5*4+10 = 12; G: 0.5*6+20 = 23, 0.5*8+20 = 24; R: 0.5*10+30 = 35, 0.5*12+30 = 36.
        var output = Run(model, [2, 4, 6, 8, 10, 12], 1, 3, 1, 2);
        Assert.Equal([11f, 12f, 23f, 24f, 35f, 36f], output);
    }

    [Theory]
    [InlineData(FlattenLayerParams.Types.FlattenOrder.ChannelFirst, new float[] { 1, 2, 3, 4 })]
    // CHANNEL_LAST reads H, W, C: (w0,c0)=1, (w0,c1)=3, (w1,c0)=2, (w1,c1)=4.
    [InlineData(FlattenLayerParams.Types.FlattenOrder.ChannelLast, new float[] { 1, 3, 2, 4 })]
    public void Flatten_reads_the_blob_in_its_declared_order(FlattenLayerParams.Types.FlattenOrder order, float[] expected)
    {
        var flatten = Layer("flat", "x", "out");
        flatten.Flatten = new FlattenLayerParams { Mode = order };
        // Input [C=2, H=1, W=2]: channel 0 holds 1, 2 and channel 1 holds 3, 4.
        var output = Run(Network([ArrayInput("x", 2, 1, 2)], ["out"], flatten), [1, 2, 3, 4], 2, 1, 2);
        Assert.Equal(expected, output);
    }

    [Theory]
    // Width 4, kernel 1x2 with weights [1, 10], stride 1: 'same' keeps width 4, total pad (4-1)*1 + 2 - 4 = 1.
    // BOTTOM_RIGHT_HEAVY pads the right: [1+20, 2+30, 3+40, 4+0] = [21, 32, 43, 4].
    [InlineData(SamePadding.Types.SamePaddingMode.BottomRightHeavy, new float[] { 21, 32, 43, 4 })]
    // TOP_LEFT_HEAVY pads the left: [0+10, 1+20, 2+30, 3+40] = [10, 21, 32, 43].
    [InlineData(SamePadding.Types.SamePaddingMode.TopLeftHeavy, new float[] { 10, 21, 32, 43 })]
    public void Same_padding_puts_the_odd_pad_where_the_asymmetry_mode_says(SamePadding.Types.SamePaddingMode mode, float[] expected)
    {
        var conv = Layer("conv", "x", "out");
        conv.Convolution = new ConvolutionLayerParams
        {
            OutputChannels = 1, KernelChannels = 1, NGroups = 1,
            Same = new SamePadding { AsymmetryMode = mode },
            Weights = Floats(1, 10),
        };
        conv.Convolution.KernelSize.AddRange([1, 2]);
        conv.Convolution.Stride.AddRange([1, 1]);
        var output = Run(Network([ArrayInput("x", 1, 1, 4)], ["out"], conv), [1, 2, 3, 4], 1, 1, 4);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void InnerProduct_flattens_C_H_W_in_that_order_with_weights_stored_output_major()
    {
        var dense = Layer("fc", "x", "out");
        // Two outputs over the 4 inputs of a [C=2, H=1, W=2] blob, rows stored [outputChannels, inputChannels].
        dense.InnerProduct = new InnerProductLayerParams { InputChannels = 4, OutputChannels = 2, HasBias = true, Weights = Floats(1, 0, 0, 0, 0, 0, 0, 1), Bias = Floats(100, 200) };
        // x = [c0: 1, 2; c1: 3, 4] flattened 1, 2, 3, 4: out0 = 1 + 100 = 101, out1 = 4 + 200 = 204.
        var output = Run(Network([ArrayInput("x", 2, 1, 2)], ["out"], dense), [1, 2, 3, 4], 2, 1, 2);
        Assert.Equal([101f, 204f], output);
    }

    [Fact]
    public void Parametric_softplus_uses_each_channels_own_alpha_and_beta()
    {
        var softplus = Layer("softplus", "x", "out");
        softplus.Activation = new ActivationParams { ParametricSoftplus = new ActivationParametricSoftplus { Alpha = Floats(2, 3), Beta = Floats(1, 0.5f) } };
        // Channel 0 holds 1: 2 * ln(1 + e^1) = 2 * 1.3132617 = 2.6265233; channel 1 holds -1: 3 * ln(1 + e^-0.5) = 3 * 0.4740770 = 1.4222311.
        var output = Run(Network([ArrayInput("x", 2, 1, 1)], ["out"], softplus), [1, -1], 2, 1, 1);
        Assert.Equal(2.6265233f, output[0], 1e-5f);
        Assert.Equal(1.4222311f, output[1], 1e-5f);
    }

    [Fact]
    public void Scale_multiplies_then_adds_per_channel()
    {
        var scale = Layer("scale", "x", "out");
        scale.Scale = new ScaleLayerParams { Scale = Floats(2, 3), HasBias = true, Bias = Floats(10, 20) };
        scale.Scale.ShapeScale.Add(2);
        scale.Scale.ShapeBias.Add(2);
        // Channels hold 1 and 4: 1*2 + 10 = 12, 4*3 + 20 = 32.
        var output = Run(Network([ArrayInput("x", 2, 1, 1)], ["out"], scale), [1, 4], 2, 1, 1);
        Assert.Equal([12f, 32f], output);
    }

    [Fact]
    public void Constant_padding_adds_the_value_at_the_declared_edges()
    {
        var pad = Layer("pad", "x", "out");
        var amounts = new BorderAmounts();
        amounts.BorderAmounts_.Add(new BorderAmounts.Types.EdgeSizes());
        amounts.BorderAmounts_.Add(new BorderAmounts.Types.EdgeSizes { StartEdgeSize = 1 });
        pad.Padding = new PaddingLayerParams { Constant = new PaddingLayerParams.Types.PaddingConstant { Value = 9 }, PaddingAmounts = amounts };
        // One column of 9 on the left of the row [5, 6].
        var output = Run(Network([ArrayInput("x", 1, 1, 2)], ["out"], pad), [5, 6], 1, 1, 2);
        Assert.Equal([9f, 5f, 6f], output);
    }

    [Fact]
    public void Gru_reads_update_reset_and_output_gate_matrices_with_core_ml_equations()
    {
        var gru = new NeuralNetworkLayer { Name = "gru" };
        gru.Input.AddRange(["x", "h0"]);
        gru.Output.AddRange(["out", "h_out"]);
        gru.Gru = new GRULayerParams
        {
            InputVectorSize = 1, OutputVectorSize = 1, SequenceOutput = false,
            UpdateGateWeightMatrix = Floats(0.5f), ResetGateWeightMatrix = Floats(1), OutputGateWeightMatrix = Floats(2),
            UpdateGateRecursionMatrix = Floats(1), ResetGateRecursionMatrix = Floats(1), OutputGateRecursionMatrix = Floats(1),
        };
        gru.Gru.Activations.Add(new ActivationParams { Sigmoid = new ActivationSigmoid() });
        gru.Gru.Activations.Add(new ActivationParams { Tanh = new ActivationTanh() });
        var model = Network([ArrayInput("x", 1, 1, 1, 1, 1), ArrayInput("h0", 1, 1, 1, 1, 1)], ["out"], gru);
        using var temp = new TemporaryDirectory();
        var read = CoreMLGraphReader.Read(Write(temp, model));
        using var result = Executor.Run(read.Graph, new Dictionary<string, Tensor>
        {
            ["x"] = Tensor.FromArray([1f], 1, 1, 1, 1, 1),
            ["h0"] = Tensor.FromArray([1f], 1, 1, 1, 1, 1),
        });
        // x = 1, h0 = 1: z = sigmoid(0.5 + 1) = 0.8175745, r = sigmoid(1 + 1) = 0.8807971,
        // o = tanh(2 + 1 * (r * 1)) = 0.9937275, h = (1 - z) o + z h0 = 0.9988557.
        Assert.Equal(0.9988557f, result[read.Blobs["out"]].Floats[0], 1e-6f);
    }

    [Fact]
    public void Instance_normalization_uses_each_planes_own_mean_and_variance()
    {
        var norm = Layer("norm", "x", "out");
        norm.Batchnorm = new BatchnormLayerParams { Channels = 1, InstanceNormalization = true, ComputeMeanVar = true, Epsilon = 0, Gamma = Floats(2), Beta = Floats(1) };
        // Plane [1, 3]: mean 2, variance 1, so (x - 2) / 1 = [-1, 1]; then 2 * that + 1 = [-1, 3].
        var output = Run(Network([ArrayInput("x", 1, 1, 2)], ["out"], norm), [1, 3], 1, 1, 2);
        Assert.Equal([-1f, 3f], output);
    }
}
