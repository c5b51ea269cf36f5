using Google.Protobuf;
using Parity.Engine.Graph;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;
using static Parity.Spec.Tests.CoreML.NeuralNetworkModels;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML;

/// <summary>Every WeightParams encoding decodes to the same weights (innerProduct over x = [1, 10], weights stored [out, in]).</summary>
public class NeuralNetworkWeightTests
{
    private static float[] Dense(WeightParams weights)
    {
        var dense = Layer("fc", "x", "out");
        dense.InnerProduct = new InnerProductLayerParams { InputChannels = 2, OutputChannels = 2, Weights = weights };
        using var temp = new TemporaryDirectory();
        var model = CoreMLGraphReader.Read(Write(temp, Network([ArrayInput("x", 2)], ["out"], dense)));
        using var result = Executor.Run(model.Graph, new Dictionary<string, Tensor> { ["x"] = Tensor.FromArray([1f, 10f], 2) });
        return result[model.Blobs["out"]].Floats.ToArray();
    }

    [Fact]
    public void Float16_values_are_little_endian_halves()
    {
        var bytes = new[] { 0.5f, 0.25f, -1f, 2f }.SelectMany(v => BitConverter.GetBytes((Half)v)).ToArray();
        // Rows [0.5, 0.25] and [-1, 2]: 0.5 + 2.5 = 3, -1 + 20 = 19.
        Assert.Equal([3f, 19f], Dense(new WeightParams { Float16Value = ByteString.CopyFrom(bytes) }));
    }

    [Fact]
    public void Raw_values_are_little_endian_floats()
    {
        var bytes = new[] { 0.5f, 0.25f, -1f, 2f }.SelectMany(BitConverter.GetBytes).ToArray();
        Assert.Equal([3f, 19f], Dense(new WeightParams { RawValue = ByteString.CopyFrom(bytes) }));
    }

    [Fact]
    public void Linear_quantization_applies_each_output_channels_scale_and_bias()
    {
        var linear = new LinearQuantizationParams();
        linear.Scale.AddRange([0.5f, 2f]);
        linear.Bias.AddRange([0f, -1f]);
        var weights = new WeightParams
        {
            RawValue = ByteString.CopyFrom(1, 2, 3, 4),
            Quantization = new QuantizationParams { NumberOfBits = 8, LinearQuantization = linear },
        };
        // Row 0: 0.5 * [1, 2] + 0 = [0.5, 1]; row 1: 2 * [3, 4] - 1 = [5, 7]. Outputs 0.5 + 10 = 10.5 and 5 + 70 = 75.
        Assert.Equal([10.5f, 75f], Dense(weights));
    }

    [Fact]
    public void Lookup_table_quantization_indexes_the_table()
    {
        var table = new LookUpTableQuantizationParams();
        table.FloatValue.AddRange(Enumerable.Range(0, 256).Select(i => i / 4f));
        var weights = new WeightParams
        {
            RawValue = ByteString.CopyFrom(2, 1, 4, 8),
            Quantization = new QuantizationParams { NumberOfBits = 8, LookupTableQuantization = table },
        };
        // Codes 2, 1, 4, 8 -> 0.5, 0.25, 1, 2: outputs 0.5 + 2.5 = 3 and 1 + 20 = 21.
        Assert.Equal([3f, 21f], Dense(weights));
    }
}
