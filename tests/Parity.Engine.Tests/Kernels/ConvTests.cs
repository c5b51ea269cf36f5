using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Convolution;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

/// <summary>Hand-computed convolutions that pin the reference twins (and the optimized kernels) to known numbers.</summary>
public class ConvTests
{
    private delegate void ConvKernel(in Conv2DParameters p, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);

    private delegate void TransposedKernel(in ConvTranspose2DParameters p, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y);

    public static TheoryData<string, Layout> KernelsAndLayouts => new()
    {
        { "reference", Layout.Nhwc }, { "reference", Layout.Nchw }, { "optimized", Layout.Nhwc }, { "optimized", Layout.Nchw },
    };

    private static ConvKernel Conv(string which) => which == "reference" ? Ref.Conv2D.Forward : Conv2D.Forward;

    private static TransposedKernel Transposed(string which) => which == "reference" ? Ref.ConvTranspose2D.Forward : ConvTranspose2D.Forward;

    private static float[] Run(ConvKernel kernel, Conv2DParameters p, float[] x, float[] w, float[] b)
    {
        var y = new float[p.OutputLength];
        kernel(p, x, w, b, y);
        return y;
    }

    private static float[] Run(TransposedKernel kernel, ConvTranspose2DParameters p, float[] x, float[] w, float[] b)
    {
        var y = new float[p.OutputLength];
        kernel(p, x, w, b, y);
        return y;
    }

    // With one channel NHWC and NCHW buffers (and both weight layouts) share the same memory order.
    [Theory]
    [MemberData(nameof(KernelsAndLayouts))]
    public void Valid_3x3_on_4x4(string which, Layout layout)
    {
        // x(i, j) = 4i + j + 1:      w:
        //   1  2  3  4                1  2  0
        //   5  6  7  8                0  1  0
        //   9 10 11 12               -1  0  1
        //  13 14 15 16
        // The window at (oy, ox) with top-left b = x(oy, ox) sums b*1 + (b+1)*2 + (b+5)*1 - (b+8)*1 + (b+10)*1 = 4b + 9,
        // so b = 1, 2, 5, 6 give 13, 17, 29, 33; the bias 0.5 is added to each.
        var x = Enumerable.Range(1, 16).Select(v => (float)v).ToArray();
        float[] w = [1, 2, 0, 0, 1, 0, -1, 0, 1];
        var p = new Conv2DParameters(layout, 1, 1, 4, 4, 1, 3, 3);
        Assert.Equal([13.5f, 17.5f, 29.5f, 33.5f], Run(Conv(which), p, x, w, [0.5f]));
    }

    [Theory]
    [MemberData(nameof(KernelsAndLayouts))]
    public void Stride_2_with_symmetric_padding(string which, Layout layout)
    {
        // x = 1..9 on 3x3, a 3x3 kernel of ones, stride 2, one pixel of zero padding all round: Hout = (3+2-2-1)/2 + 1 = 2.
        // Each window covers a 2x2 corner of x: 1+2+4+5 = 12, 2+3+5+6 = 16, 4+5+7+8 = 24, 5+6+8+9 = 28.
        var x = Enumerable.Range(1, 9).Select(v => (float)v).ToArray();
        var w = Enumerable.Repeat(1f, 9).ToArray();
        var p = new Conv2DParameters(layout, 1, 1, 3, 3, 1, 3, 3, StrideHeight: 2, StrideWidth: 2, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1);
        Assert.Equal([12f, 16, 24, 28], Run(Conv(which), p, x, w, []));
    }

    [Theory]
    [MemberData(nameof(KernelsAndLayouts))]
    public void Stride_2_with_TensorFlow_same_padding_extra_at_bottom_right(string which, Layout layout)
    {
        // TF "same" for 3 pixels, kernel 2, stride 2: out 2, total pad (2-1)*2 + 2 - 3 = 1, all of it bottom/right.
        // x = 1..9, kernel of ones: windows {1,2,4,5} = 12, {3,6} = 9, {7,8} = 15, {9} = 9.
        var x = Enumerable.Range(1, 9).Select(v => (float)v).ToArray();
        var p = new Conv2DParameters(layout, 1, 1, 3, 3, 1, 2, 2, StrideHeight: 2, StrideWidth: 2, PadBottom: 1, PadRight: 1);
        Assert.Equal([12f, 9, 15, 9], Run(Conv(which), p, x, [1, 1, 1, 1], []));
    }

    [Theory]
    [MemberData(nameof(KernelsAndLayouts))]
    public void Dilation_2_skips_every_other_pixel(string which, Layout layout)
    {
        // 1x5 input 1..5, 1x2 kernel [1, 10] dilated by 2: out[ox] = x[ox] + 10*x[ox+2] = 1+30, 2+40, 3+50.
        var p = new Conv2DParameters(layout, 1, 1, 1, 5, 1, 1, 2, DilationWidth: 2);
        Assert.Equal([31f, 42, 53], Run(Conv(which), p, [1, 2, 3, 4, 5], [1, 10], []));
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("optimized")]
    public void Depthwise_with_multiplier_2_NHWC(string which)
    {
        // 1x2 image, 2 channels: pixel 0 = (1, 2), pixel 1 = (3, 4). Kernel 1x2, weights [1, 2, 1, 4]:
        // tap 0 = (1, 2, 3, 4), tap 1 = (5, 6, 7, 8). Output channel 2c + j reads input channel c:
        // co0 = 1*1 + 3*5 = 16, co1 = 1*2 + 3*6 = 20, co2 = 2*3 + 4*7 = 34, co3 = 2*4 + 4*8 = 40.
        var p = new Conv2DParameters(Layout.Nhwc, 1, 2, 1, 2, 4, 1, 2, Groups: 2);
        Assert.Equal([16f, 20, 34, 40], Run(Conv(which), p, [1, 2, 3, 4], [1, 2, 3, 4, 5, 6, 7, 8], []));
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("optimized")]
    public void Depthwise_with_multiplier_2_NCHW(string which)
    {
        // The same numbers as the NHWC case: channel 0 plane = (1, 3), channel 1 plane = (2, 4);
        // weights [4, 1, 1, 2]: co0 = (1, 5), co1 = (2, 6), co2 = (3, 7), co3 = (4, 8), one output pixel per channel.
        var p = new Conv2DParameters(Layout.Nchw, 1, 2, 1, 2, 4, 1, 2, Groups: 2);
        Assert.Equal([16f, 20, 34, 40], Run(Conv(which), p, [1, 3, 2, 4], [1, 5, 2, 6, 3, 7, 4, 8], []));
    }

    [Theory]
    [MemberData(nameof(KernelsAndLayouts))]
    public void Transposed_2x2_stride_2_tiles_scaled_kernels(string which, Layout layout)
    {
        // Stride equal to the kernel: input pixel (i, j) writes x(i, j) * w into the 2x2 block at (2i, 2j), no overlap.
        // x = [[1, 2], [3, 4]], w = [[1, 10], [100, 1000]].
        var p = new ConvTranspose2DParameters(layout, 1, 1, 2, 2, 1, 2, 2, StrideHeight: 2, StrideWidth: 2);
        float[] expected =
        [
            1, 10, 2, 20,
            100, 1000, 200, 2000,
            3, 30, 4, 40,
            300, 3000, 400, 4000,
        ];
        Assert.Equal(expected, Run(Transposed(which), p, [1, 2, 3, 4], [1, 10, 100, 1000], []));
    }

    [Theory]
    [MemberData(nameof(KernelsAndLayouts))]
    public void Transposed_stride_1_overlaps_with_padding_and_output_padding(string which, Layout layout)
    {
        // x = 2x2 ones, w = [[1, 2], [3, 4]], stride 1: out(oy, ox) sums w(ky, kx) over taps with i + k = o:
        //   1  3  2
        //   4 10  6
        //   3  7  4
        // Cropping 1 at the top/left only and adding one output-padding row/column: Hout = 1*1 - 1 + 1 + 1 + 1 = 3,
        // rows 1..2 / cols 1..2 of the full result, then a bias-only (0.5) row and column at the bottom/right.
        var p = new ConvTranspose2DParameters(layout, 1, 1, 2, 2, 1, 2, 2, PadTop: 1, PadLeft: 1, OutputPaddingHeight: 1, OutputPaddingWidth: 1);
        float[] expected =
        [
            10.5f, 6.5f, 0.5f,
            7.5f, 4.5f, 0.5f,
            0.5f, 0.5f, 0.5f,
        ];
        Assert.Equal(expected, Run(Transposed(which), p, [1, 1, 1, 1], [1, 2, 3, 4], [0.5f]));
    }

    [Fact]
    public void Conv1D_hand_case_in_both_layouts()
    {
        // NWC, 2 channels over width 3: x = (1, 2), (3, 4), (5, 6); kernel 2, one output channel, weights [K, Cin, Cout]:
        // tap 0 = (1, 0), tap 1 = (0, 1): out[ox] = x[ox].c0 + x[ox+1].c1 = 1 + 4, 3 + 6.
        var nwc = new Conv1DParameters(Layout.Nhwc, 1, 2, 3, 1, 2);
        var y = new float[2];
        Conv1D.Forward(nwc, [1, 2, 3, 4, 5, 6], [1, 0, 0, 1], [], y);
        Assert.Equal([5f, 9], y);
        Ref.Conv1D.Forward(nwc, [1, 2, 3, 4, 5, 6], [1, 0, 0, 1], [], y);
        Assert.Equal([5f, 9], y);
        // NCW: the same data is c0 = (1, 3, 5), c1 = (2, 4, 6); weights [Cout, Cin, K] = (1, 0), (0, 1).
        var ncw = nwc with { Layout = Layout.Nchw };
        Conv1D.Forward(ncw, [1, 3, 5, 2, 4, 6], [1, 0, 0, 1], [], y);
        Assert.Equal([5f, 9], y);
        Ref.Conv1D.Forward(ncw, [1, 3, 5, 2, 4, 6], [1, 0, 0, 1], [], y);
        Assert.Equal([5f, 9], y);
    }

    [Fact]
    public void Output_size_follows_the_floor_formula()
    {
        // floor((7 + 1 + 2 - 2*(3-1) - 1) / 2) + 1 = floor(5/2) + 1 = 3.
        var p = new Conv2DParameters(Layout.Nhwc, 1, 1, 7, 7, 1, 3, 3, StrideHeight: 2, DilationHeight: 2, PadTop: 1, PadBottom: 2);
        Assert.Equal(3, p.OutHeight);
        // (3-1)*2 - 1 - 0 + 1*(3-1) + 1 + 1 = 7.
        var t = new ConvTranspose2DParameters(Layout.Nhwc, 1, 1, 3, 3, 1, 3, 3, StrideHeight: 2, PadTop: 1, OutputPaddingHeight: 1);
        Assert.Equal(7, t.OutHeight);
    }

    [Fact]
    public void Bad_geometry_is_rejected_with_a_message()
    {
        var tooBig = new Conv2DParameters(Layout.Nhwc, 1, 1, 2, 2, 1, 3, 3);
        Assert.Contains("does not fit", Assert.Throws<ArgumentException>(tooBig.Validate).Message);
        var badGroups = new Conv2DParameters(Layout.Nchw, 1, 3, 4, 4, 4, 1, 1, Groups: 2);
        Assert.Contains("groups (2)", Assert.Throws<ArgumentException>(badGroups.Validate).Message);
        var ok = new Conv2DParameters(Layout.Nhwc, 1, 1, 3, 3, 1, 1, 1);
        var error = Assert.Throws<ArgumentException>(() => Conv2D.Forward(ok, new float[8], [1], [], new float[9]));
        Assert.Contains("input holds 8 values; expected 9", error.Message);
        Assert.Throws<ArgumentException>(() => new Conv2DParameters(Layout.Nhwc, 1, 1, 3, 3, 1, 1, 1, StrideWidth: 0).Validate());
    }
}
