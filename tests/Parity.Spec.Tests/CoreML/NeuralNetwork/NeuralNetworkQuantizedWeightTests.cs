using Google.Protobuf;
using Parity.Spec.CoreML.Format;
using static Parity.Spec.Tests.CoreML.NeuralNetworkLayerRuns;

namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// Sub-8-bit packing (coremltools quantization_utils: each code's bits high to low, codes back to back, bytes filled
/// from their most significant bit), int8RawValue, and deconvolution's per-channel scales along its second axis.
/// Each case is innerProduct [out 2, in 2] on x = [1, 10] unless it says otherwise.
/// </summary>
public class NeuralNetworkQuantizedWeightTests
{
    private static float[] Dense(WeightParams weights)
    {
        var layer = Node("fc", "x");
        layer.InnerProduct = new InnerProductLayerParams { InputChannels = 2, OutputChannels = 2, Weights = weights };
        return RunND([new("x", [1, 10], 2)], layer).Values;
    }

    private static WeightParams Lookup(uint bits, byte[] raw, params float[] table)
    {
        var lut = new LookUpTableQuantizationParams();
        lut.FloatValue.AddRange(table);
        return new WeightParams { RawValue = ByteString.CopyFrom(raw), Quantization = new QuantizationParams { NumberOfBits = bits, LookupTableQuantization = lut } };
    }

    private static WeightParams Linear(uint bits, byte[] raw, float[] scale, float[] bias)
    {
        var linear = new LinearQuantizationParams();
        linear.Scale.AddRange(scale);
        linear.Bias.AddRange(bias);
        return new WeightParams { RawValue = ByteString.CopyFrom(raw), Quantization = new QuantizationParams { NumberOfBits = bits, LinearQuantization = linear } };
    }

    [Fact]
    public void Two_bit_codes_are_packed_most_significant_bit_first()
    {
        // Codes [1, 2, 3, 0] -> bits 01 10 11 00 -> one byte 0b0110_1100 = 0x6C.
        // Table [0, 0.5, 1, 2]: weights [[0.5, 1], [2, 0]]; outputs 0.5 + 10 = 10.5 and 2 + 0 = 2.
        Assert.Equal([10.5f, 2f], Dense(Lookup(2, [0x6C], 0, 0.5f, 1, 2)));
    }

    [Fact]
    public void Three_bit_codes_cross_byte_boundaries()
    {
        // Codes [5, 1, 6, 2] -> 101 001 110 010 -> 1010_0111 0010_0000 = 0xA7 0x20 (last byte padded with zeros).
        // Per output channel: row 0 scale 1 bias 0 -> [5, 1]; row 1 scale 10 bias -1 -> [59, 19].
        // Outputs 5 + 10 = 15 and 59 + 190 = 249.
        Assert.Equal([15f, 249f], Dense(Linear(3, [0xA7, 0x20], [1, 10], [0, -1])));
    }

    [Fact]
    public void One_bit_codes_index_a_two_entry_table()
    {
        // Codes [1, 0, 0, 1] -> 1001_0000 = 0x90; table [-1, 1]: weights [[1, -1], [-1, 1]]; outputs 1 - 10 and -1 + 10.
        Assert.Equal([-9f, 9f], Dense(Lookup(1, [0x90], -1, 1)));
    }

    [Fact]
    public void Int8_raw_values_are_signed_bytes_times_the_scale()
    {
        // Bytes 0xFF 0x02 0x03 0xFC = -1, 2, 3, -4; scale 0.5: [[-0.5, 1], [1.5, -2]]; outputs -0.5 + 10 and 1.5 - 20.
        var linear = new LinearQuantizationParams();
        linear.Scale.Add(0.5f);
        var weights = new WeightParams
        {
            Int8RawValue = ByteString.CopyFrom(0xFF, 0x02, 0x03, 0xFC),
            Quantization = new QuantizationParams { NumberOfBits = 8, LinearQuantization = linear },
        };
        Assert.Equal([9.5f, -18.5f], Dense(weights));
    }

    [Fact]
    public void Too_few_packed_bytes_is_a_format_error_naming_the_field()
    {
        var layer = Node("fc", "x");
        layer.InnerProduct = new InnerProductLayerParams { InputChannels = 2, OutputChannels = 2, Weights = Lookup(4, [0x12], Enumerable.Range(0, 16).Select(i => (float)i).ToArray()) };
        var model = NeuralNetworkModels.Network([NeuralNetworkModels.ArrayInput("x", 2)], ["out"], layer);
        using var temp = new TemporaryDirectory();
        var e = Assert.Throws<ModelFormatException>(() => Parity.Spec.CoreML.NeuralNetwork.CoreMLGraphReader.Read(NeuralNetworkModels.Write(temp, model)));
        Assert.Contains("innerProduct.weights", e.Message);
    }

    [Fact]
    public void Deconvolution_scales_apply_per_output_channel_on_the_second_weight_axis()
    {
        // Weights [kernelChannels 2, outputChannels 2, 1, 1], all codes 1, scales [2, 3] for output channels 0 and 1:
        // w[k][o] = scale[o] -> [[2, 3], [2, 3]]. Input channels [1, 10] at one pixel:
        // out[o] = Σ_k x[k] * w[k][o] = [1*2 + 10*2, 1*3 + 10*3] = [22, 33]. (Scales along the first axis would give [32, 32].)
        var layer = Node("deconv", "x");
        layer.Convolution = new ConvolutionLayerParams
        {
            IsDeconvolution = true, OutputChannels = 2, KernelChannels = 2, NGroups = 1,
            Valid = new ValidPadding(), Weights = Linear(8, [1, 1, 1, 1], [2, 3], [0, 0]),
        };
        layer.Convolution.KernelSize.AddRange([1, 1]);
        layer.Convolution.Stride.AddRange([1, 1]);
        var (values, shape) = RunRank5([new("x", [1, 10], 2, 1, 1)], layer);
        Assert.Equal([1, 2, 1, 1], shape);
        Assert.Equal([22f, 33f], values);
    }
}
