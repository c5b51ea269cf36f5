using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;
using static Parity.Spec.Tests.CoreML.NeuralNetworkLayerRuns;
using static Parity.Spec.Tests.CoreML.NeuralNetworkModels;

namespace Parity.Spec.Tests.CoreML;

/// <summary>convolution3d (and deconvolution), pooling3d and globalPooling3d on [1, C, D, H, W] blobs, computed by hand.</summary>
public class NeuralNetwork3DLayerTests
{
    private static readonly float[] OneToEight = Enumerable.Range(1, 8).Select(i => (float)i).ToArray();

    private static readonly float[] OneToEighteen = Enumerable.Range(1, 18).Select(i => (float)i).ToArray();

    private static NeuralNetworkLayer Conv(Convolution3DLayerParams p)
    {
        var layer = Node("conv3d", "x");
        layer.Convolution3D = p;
        return layer;
    }

    private static Convolution3DLayerParams Params(int cin, int cout, int kd, int kh, int kw, float[] weights, int stride = 1) => new()
    {
        InputChannels = cin, OutputChannels = cout, NGroups = 1, KernelDepth = kd, KernelHeight = kh, KernelWidth = kw,
        StrideDepth = stride, StrideHeight = 1, StrideWidth = 1, DilationDepth = 1, DilationHeight = 1, DilationWidth = 1,
        Weights = Floats(weights),
    };

    private static NeuralNetworkLayer Pool(Pooling3DLayerParams p)
    {
        var layer = Node("pool3d", "x");
        layer.Pooling3D = p;
        return layer;
    }

    [Fact]
    public void Convolution3d_valid_sums_the_cube_and_adds_the_bias()
    {
        // 1 + ... + 8 = 36 under a 2x2x2 kernel of ones, plus bias 0.5.
        var p = Params(1, 1, 2, 2, 2, Enumerable.Repeat(1f, 8).ToArray());
        p.PaddingType = Convolution3DLayerParams.Types.PaddingType.Valid;
        p.HasBias = true;
        p.Bias = Floats(0.5f);
        var (y, shape) = RunND([new Feed("x", OneToEight, 1, 1, 2, 2, 2)], Conv(p));
        Assert.Equal([1, 1, 1, 1, 1], shape);
        Assert.Equal([36.5f], y);
    }

    [Fact]
    public void Convolution3d_same_puts_the_odd_pad_at_the_back()
    {
        // x = [1, 2, 3, 4] along depth, kernel [1, 10]: total pad 1 goes after, out[i] = x[i] + 10·x[i+1] = [21, 32, 43, 4].
        var p = Params(1, 1, 2, 1, 1, [1, 10]);
        p.PaddingType = Convolution3DLayerParams.Types.PaddingType.Same;
        var (y, _) = RunND([new Feed("x", [1, 2, 3, 4], 1, 1, 4, 1, 1)], Conv(p));
        Assert.Equal([21f, 32f, 43f, 4f], y);
    }

    [Fact]
    public void Convolution3d_same_matches_the_proto_worked_example_shape()
    {
        // NeuralNetwork.proto: [1, 3, 3, 8, 8], kernel 3, stride 2 on every axis, 2 output channels, 'same' -> [1, 2, 2, 4, 4].
        // Zero weights leave only the bias [1, 2].
        var p = Params(3, 2, 3, 3, 3, new float[2 * 3 * 27]);
        (p.StrideDepth, p.StrideHeight, p.StrideWidth) = (2, 2, 2);
        p.PaddingType = Convolution3DLayerParams.Types.PaddingType.Same;
        p.HasBias = true;
        p.Bias = Floats(1, 2);
        var (y, shape) = RunND([new Feed("x", new float[3 * 3 * 8 * 8], 1, 3, 3, 8, 8)], Conv(p));
        Assert.Equal([1, 2, 2, 4, 4], shape);
        Assert.Equal([.. Enumerable.Repeat(1f, 32), .. Enumerable.Repeat(2f, 32)], y);
    }

    [Fact]
    public void Convolution3d_custom_padding_reads_each_side()
    {
        // x = [1, 2] along depth, kernel [10, 1], customPaddingFront 1: [0·10 + 1·1, 1·10 + 2·1] = [1, 12].
        var p = Params(1, 1, 2, 1, 1, [10, 1]);
        p.PaddingType = Convolution3DLayerParams.Types.PaddingType.Custom;
        p.CustomPaddingFront = 1;
        var (y, _) = RunND([new Feed("x", [1, 2], 1, 1, 2, 1, 1)], Conv(p));
        Assert.Equal([1f, 12f], y);
    }

    [Fact]
    public void Deconvolution3d_weights_are_stored_input_channel_first()
    {
        // Stored [inputChannels, outputChannels / nGroups, 1, 1, 1] = [[1, 2], [3, 4]] (w[ci][co]), x = [1, 2]:
        // out[co] = Σ_ci x[ci]·w[ci][co] = [1·1 + 2·3, 1·2 + 2·4] = [7, 10]. Read the other way round it would give [5, 11].
        var p = Params(2, 2, 1, 1, 1, [1, 2, 3, 4]);
        p.IsDeconvolution = true;
        var (y, _) = RunND([new Feed("x", [1, 2], 1, 2, 1, 1, 1)], Conv(p));
        Assert.Equal([7f, 10f], y);
    }

    [Fact]
    public void Deconvolution3d_same_with_stride_two_doubles_the_depth_and_crops_the_odd_slice_at_the_back()
    {
        // x = [1, 2], kernel [1, 10, 100], stride 2: out[o] = Σ_i x[i]·w[o - 2i] over o < 4 = [1, 10, 102, 20].
        var p = Params(1, 1, 3, 1, 1, [1, 10, 100], stride: 2);
        p.IsDeconvolution = true;
        p.PaddingType = Convolution3DLayerParams.Types.PaddingType.Same;
        var (y, shape) = RunND([new Feed("x", [1, 2], 1, 1, 2, 1, 1)], Conv(p));
        Assert.Equal([1, 1, 4, 1, 1], shape);
        Assert.Equal([1f, 10f, 102f, 20f], y);
        // The converter also writes outputShape: the same size gives the same cells; one more slice at the back brings the
        // cropped 2·100 back (as TF's conv_transpose of that size would: total pad (2 - 1)·2 + 3 - 5 = 0).
        p.OutputShape.AddRange([4, 1, 1]);
        Assert.Equal(y, RunND([new Feed("x", [1, 2], 1, 1, 2, 1, 1)], Conv(p)).Values);
        p.OutputShape[0] = 5;
        Assert.Equal([1f, 10f, 102f, 20f, 200f], RunND([new Feed("x", [1, 2], 1, 1, 2, 1, 1)], Conv(p)).Values);
    }

    [Fact]
    public void Pooling3d_max_on_the_proto_example()
    {
        var p = new Pooling3DLayerParams
        {
            Type = Pooling3DLayerParams.Types.PoolingType3D.Max, KernelDepth = 2, KernelHeight = 2, KernelWidth = 2,
            StrideDepth = 1, StrideHeight = 1, StrideWidth = 1, PaddingType = Pooling3DLayerParams.Types.Pooling3DPaddingType.Valid,
        };
        var (y, shape) = RunND([new Feed("x", OneToEighteen, 1, 1, 2, 3, 3)], Pool(p));
        Assert.Equal([1, 1, 1, 2, 2], shape);
        Assert.Equal([14f, 15f, 17f, 18f], y);
    }

    [Fact]
    public void Pooling3d_average_same_counts_padding_unless_told_to_exclude_it()
    {
        // x = [2, 4] along depth, a 2-deep window, SAME pads one slice at the back: windows {2, 4} and {4, pad}.
        var p = new Pooling3DLayerParams
        {
            Type = Pooling3DLayerParams.Types.PoolingType3D.Average, KernelDepth = 2, KernelHeight = 1, KernelWidth = 1,
            StrideDepth = 1, StrideHeight = 1, StrideWidth = 1, PaddingType = Pooling3DLayerParams.Types.Pooling3DPaddingType.Same,
        };
        Assert.Equal([3f, 2f], RunND([new Feed("x", [2, 4], 1, 1, 2, 1, 1)], Pool(p)).Values);
        p.CountExcludePadding = true;
        Assert.Equal([3f, 4f], RunND([new Feed("x", [2, 4], 1, 1, 2, 1, 1)], Pool(p)).Values);
    }

    [Fact]
    public void Pooling3d_custom_padding_and_strides()
    {
        // Width 3 row [1, 2, 3], a 2-wide max with stride 2 and customPaddingLeft 1: windows {pad, 1} and {2, 3} -> [1, 3].
        var p = new Pooling3DLayerParams
        {
            Type = Pooling3DLayerParams.Types.PoolingType3D.Max, KernelDepth = 1, KernelHeight = 1, KernelWidth = 2,
            StrideDepth = 1, StrideHeight = 1, StrideWidth = 2, CustomPaddingLeft = 1,
            PaddingType = Pooling3DLayerParams.Types.Pooling3DPaddingType.Custom,
        };
        Assert.Equal([1f, 3f], RunND([new Feed("x", [1, 2, 3], 1, 1, 1, 1, 3)], Pool(p)).Values);
    }

    [Fact]
    public void GlobalPooling3d_keeps_rank_five()
    {
        var layer = Node("global", "x");
        layer.GlobalPooling3D = new GlobalPooling3DLayerParams { Type = GlobalPooling3DLayerParams.Types.GlobalPoolingType3D.Max };
        var (max, shape) = RunND([new Feed("x", OneToEighteen, 1, 1, 2, 3, 3)], layer);
        Assert.Equal([1, 1, 1, 1, 1], shape);
        Assert.Equal([18f], max);
        // (1 + ... + 18) / 18 = 9.5.
        layer.GlobalPooling3D.Type = GlobalPooling3DLayerParams.Types.GlobalPoolingType3D.Average;
        Assert.Equal([9.5f], RunND([new Feed("x", OneToEighteen, 1, 1, 2, 3, 3)], layer).Values);
    }

    [Fact]
    public void Convolution3d_on_a_rank_four_blob_or_with_a_zero_stride_names_the_field()
    {
        var p = Params(1, 1, 1, 1, 1, [1]);
        var model = Network([ArrayInput("x", 1, 1, 2, 2)], ["out"], Conv(p));
        model.NeuralNetwork.ArrayInputShapeMapping = NeuralNetworkMultiArrayShapeMapping.ExactArrayMapping;
        using var temp = new TemporaryDirectory();
        var rank = Assert.Throws<ModelFormatException>(() => CoreMLGraphReader.Read(Write(temp, model, "rank.mlmodel")));
        Assert.Contains("[1, 1, 2, 2]", rank.Problem);

        p.StrideWidth = 0;
        var stride = Network([ArrayInput("x", 1, 1, 2, 2, 2)], ["out"], Conv(p));
        stride.NeuralNetwork.ArrayInputShapeMapping = NeuralNetworkMultiArrayShapeMapping.ExactArrayMapping;
        var zero = Assert.Throws<ModelFormatException>(() => CoreMLGraphReader.Read(Write(temp, stride, "stride.mlmodel")));
        Assert.Contains("convolution3d.strideWidth", zero.Location);
    }
}
