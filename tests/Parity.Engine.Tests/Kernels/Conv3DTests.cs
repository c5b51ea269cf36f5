using Parity.Engine.Kernels.Convolution;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

/// <summary>Hand-computed 3-D convolutions that pin the reference twins (and the optimized kernels) to known numbers.</summary>
public class Conv3DTests
{
    private delegate void ConvKernel(in Conv3DParameters p, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);

    private delegate void TransposedKernel(in ConvTranspose3DParameters p, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);

    public static TheoryData<string> Kernels => new() { "reference", "optimized" };

    private static float[] Run(string which, Conv3DParameters p, float[] x, float[] w, float[] b)
    {
        ConvKernel kernel = which == "reference" ? Ref.Conv3D.Forward : Conv3D.Forward;
        var y = new float[p.OutputLength];
        kernel(p, x, w, b, y);
        return y;
    }

    private static float[] Run(string which, ConvTranspose3DParameters p, float[] x, float[] w, float[] b)
    {
        TransposedKernel kernel = which == "reference" ? Ref.ConvTranspose3D.Forward : ConvTranspose3D.Forward;
        var y = new float[p.OutputLength];
        kernel(p, x, w, b, y);
        return y;
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void A_2x2x2_kernel_of_ones_sums_the_cube(string which)
    {
        // 1 + 2 + ... + 8 = 36, plus bias 0.5.
        var p = new Conv3DParameters(1, 1, 2, 2, 2, 1, 2, 2, 2);
        Assert.Equal([36.5f], Run(which, p, [1, 2, 3, 4, 5, 6, 7, 8], Enumerable.Repeat(1f, 8).ToArray(), [0.5f]));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void A_front_pad_reads_zero_before_the_first_slice(string which)
    {
        // x = [1, 2] along depth, kernel [10, 1], pad front 1: out[0] = 0*10 + 1*1 = 1, out[1] = 1*10 + 2*1 = 12.
        var p = new Conv3DParameters(1, 1, 2, 1, 1, 1, 2, 1, 1, PadFront: 1);
        Assert.Equal([1f, 12f], Run(which, p, [1, 2], [10, 1], []));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Depth_stride_and_dilation_pick_every_other_slice(string which)
    {
        // x = [1..5], kernel [1, 1] dilated by 2 (span 3), stride 2: out = [x0 + x2, x2 + x4] = [4, 8].
        var p = new Conv3DParameters(1, 1, 5, 1, 1, 1, 2, 1, 1, StrideDepth: 2, DilationDepth: 2);
        Assert.Equal([4f, 8f], Run(which, p, [1, 2, 3, 4, 5], [1, 1], []));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Right_and_bottom_pads_extend_each_slice(string which)
    {
        // One 1x2x2 slice [[1, 2], [3, 4]], a 1x2x2 kernel of ones, pads bottom 1 and right 1: windows at (0,0), (0,1),
        // (1,0), (1,1) sum [1+2+3+4, 2+4, 3+4, 4] = [10, 6, 7, 4].
        var p = new Conv3DParameters(1, 1, 1, 2, 2, 1, 1, 2, 2, PadBottom: 1, PadRight: 1);
        Assert.Equal([10f, 6f, 7f, 4f], Run(which, p, [1, 2, 3, 4], [1, 1, 1, 1], []));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Groups_keep_channels_apart(string which)
    {
        // Two groups of one channel, a 2-deep kernel each: channel 0 [1, 2] with [1, 1] -> 3; channel 1 [3, 4] with [2, -1] -> 2.
        var p = new Conv3DParameters(1, 2, 2, 1, 1, 2, 2, 1, 1, Groups: 2);
        Assert.Equal([3f, 2f], Run(which, p, [1, 2, 3, 4], [1, 1, 2, -1], []));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Pointwise_mixes_channels_at_each_voxel(string which)
    {
        // out[co] = Σ_ci w[co, ci] x[ci]: x = ch0 [1, 2], ch1 [3, 4]; w = [[1, 1], [2, 0]] -> ch0 [4, 6], ch1 [2, 4], bias [0, 1].
        var p = new Conv3DParameters(1, 2, 2, 1, 1, 2, 1, 1, 1);
        Assert.Equal([4f, 6f, 3f, 5f], Run(which, p, [1, 2, 3, 4], [1, 1, 2, 0], [0, 1]));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Transposed_stride_two_spreads_each_slice_over_its_own_pair(string which)
    {
        // x = [1, 2] along depth, kernel [1, 10], stride 2: (2 - 1)·2 + 2 = 4 slices [1·1, 1·10, 2·1, 2·10].
        var p = new ConvTranspose3DParameters(1, 1, 2, 1, 1, 1, 2, 1, 1, StrideDepth: 2);
        Assert.Equal([1f, 10f, 2f, 20f], Run(which, p, [1, 2], [1, 10], []));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Transposed_pads_crop_and_output_padding_extends(string which)
    {
        // Stride 1 overlaps: [1, 10 + 2, 20]; pad front 1 crops the first slice, output padding 1 adds a bias-only last one.
        var p = new ConvTranspose3DParameters(1, 1, 2, 1, 1, 1, 2, 1, 1, PadFront: 1, OutputPaddingDepth: 1);
        Assert.Equal([12.5f, 20.5f, 0.5f], Run(which, p, [1, 2], [1, 10], [0.5f]));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Transposed_groups_keep_channels_apart(string which)
    {
        // Weights [Cin, Cout/groups, 1, 1, 1] = [3, 5]: channel 0 gives 1·3, channel 1 gives 2·5.
        var p = new ConvTranspose3DParameters(1, 2, 1, 1, 1, 2, 1, 1, 1, Groups: 2);
        Assert.Equal([3f, 10f], Run(which, p, [1, 2], [3, 5], []));
    }

    [Fact]
    public void A_kernel_larger_than_the_padded_volume_is_rejected_with_its_sizes()
    {
        var p = new Conv3DParameters(1, 1, 2, 4, 4, 1, 3, 1, 1);
        var e = Assert.Throws<ArgumentException>(() => Conv3D.Forward(p, new float[32], new float[3], [], new float[0]));
        Assert.Contains("3x1x1", e.Message);
        Assert.Contains("2x4x4", e.Message);
    }
}
