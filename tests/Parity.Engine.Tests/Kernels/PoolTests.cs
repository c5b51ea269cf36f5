using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Pooling;

namespace Parity.Engine.Tests.Kernels;

/// <summary>A 2-D pooling problem: input sizes, layout, window parameters and the data seed.</summary>
public sealed record PoolProblem(int Batch, int Height, int Width, int Channels, Layout Layout, Pool2DParameters Parameters, int Seed)
{
    public override string ToString() => $"{Batch}x{Height}x{Width}x{Channels} {Layout} {Parameters} seed {Seed}";
}

public class PoolTests
{
    private const double U = 1.0 / (1 << 24);

    private static Gen<PoolProblem> Problems =>
        (from batch in Gen.Choose(1, 2)
         from height in Gen.Choose(1, 9)
         from width in Gen.Choose(1, 11)
         from channels in Gen.Elements(1, 2, 3, 5, 8, 17)
         from layout in Gen.Elements(Layout.Nhwc, Layout.Nchw)
         from kind in Gen.Elements(PoolKind.Max, PoolKind.Average, PoolKind.L2)
         from kh in Gen.Choose(1, 4)
         from kw in Gen.Choose(1, 4)
         from sh in Gen.Choose(1, 3)
         from sw in Gen.Choose(1, 3)
         from top in Gen.Choose(0, kh - 1)
         from bottom in Gen.Choose(0, kh - 1)
         from left in Gen.Choose(0, kw - 1)
         from right in Gen.Choose(0, kw - 1)
         from countPadding in Gen.Elements(true, false)
         from seed in Gen.Choose(0, int.MaxValue)
         select new PoolProblem(batch, height, width, channels, layout,
             new Pool2DParameters(kind, kh, kw, sh, sw, top, bottom, left, right, countPadding), seed))
        .Where(p => p.Height + p.Parameters.PadTop + p.Parameters.PadBottom >= p.Parameters.KernelHeight
                 && p.Width + p.Parameters.PadLeft + p.Parameters.PadRight >= p.Parameters.KernelWidth);

    [Property(MaxTest = 150)]
    public Property Optimized_matches_reference() => Prop.ForAll(Arb.From(Problems), problem =>
    {
        var p = problem.Parameters;
        var rng = new Random(problem.Seed);
        var x = Enumerable.Range(0, problem.Batch * problem.Height * problem.Width * problem.Channels)
            .Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
        var outCount = problem.Batch * p.OutputHeight(problem.Height) * p.OutputWidth(problem.Width) * problem.Channels;
        var actual = new float[outCount];
        var expected = new float[outCount];
        Pool2D.Run(x, problem.Layout, problem.Batch, problem.Height, problem.Width, problem.Channels, p, actual);
        Engine.Kernels.Reference.Pool2D.Run(x, problem.Layout, problem.Batch, problem.Height, problem.Width, problem.Channels, p, expected);

        // The average of |x| over each window (same divisor) scales the rounding error of a float32 window sum.
        var magnitude = new float[outCount];
        Engine.Kernels.Reference.Pool2D.Run(x.Select(Math.Abs).ToArray(), problem.Layout, problem.Batch, problem.Height, problem.Width, problem.Channels,
            p with { Kind = PoolKind.Average }, magnitude);
        var terms = p.KernelHeight * p.KernelWidth;
        for (var i = 0; i < outCount; i++)
        {
            var bound = p.Kind switch
            {
                PoolKind.Max => 0,
                PoolKind.Average => (terms + 2) * U * magnitude[i],
                _ => (terms + 2) * U * Math.Abs(expected[i]),
            };
            Assert.True(Math.Abs(actual[i] - (double)expected[i]) <= bound, $"{problem}: output {i} is {actual[i]}, reference {expected[i]}, bound {bound}");
        }
    });

    [Theory]
    [InlineData(Layout.Nhwc, PoolKind.Max)]
    [InlineData(Layout.Nchw, PoolKind.Max)]
    [InlineData(Layout.Nhwc, PoolKind.Average)]
    [InlineData(Layout.Nchw, PoolKind.Average)]
    public void Problems_large_enough_to_split_across_threads_match_reference(Layout layout, PoolKind kind)
    {
        var rng = new Random(8);
        var x = Enumerable.Range(0, 2 * 64 * 64 * 16).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
        var p = new Pool2DParameters(kind, 3, 3, 2, 2, 1, 1, 1, 1);
        var count = 2 * p.OutputHeight(64) * p.OutputWidth(64) * 16;
        var actual = new float[count];
        var expected = new float[count];
        Pool2D.Run(x, layout, 2, 64, 64, 16, p, actual);
        Engine.Kernels.Reference.Pool2D.Run(x, layout, 2, 64, 64, 16, p, expected);
        // 9 terms of magnitude ≤ 2 averaged: (9 + 2)·u·2 bounds the float32 error; maxima are exact.
        var bound = kind == PoolKind.Max ? 0 : 11 * U * 2;
        Assert.True(Engine.Tensors.TensorComparison.MaxAbsDifference(actual, expected) <= bound);
    }

    [Theory]
    [InlineData(Layout.Nhwc)]
    [InlineData(Layout.Nchw)]
    public void Max_pool_2x2_of_a_4x4_by_hand(Layout layout)
    {
        // [[ 1, -2,  3,  0],
        //  [ 5,  4, -1,  2],      windows {1,-2,5,4} -> 5   {3,0,-1,2} -> 3
        //  [-3,  7,  6,  9],              {-3,7,8,-5} -> 8  {6,9,2,-4} -> 9
        //  [ 8, -5,  2, -4]]
        float[] x = [1, -2, 3, 0, 5, 4, -1, 2, -3, 7, 6, 9, 8, -5, 2, -4];
        var p = new Pool2DParameters(PoolKind.Max, 2, 2, 2, 2, 0, 0, 0, 0);
        var y = new float[4];
        Pool2D.Run(x, layout, 1, 4, 4, 1, p, y);
        Assert.Equal([5f, 3f, 8f, 9f], y);
        Engine.Kernels.Reference.Pool2D.Run(x, layout, 1, 4, 4, 1, p, y);
        Assert.Equal([5f, 3f, 8f, 9f], y);
    }

    [Theory]
    [InlineData(Layout.Nhwc)]
    [InlineData(Layout.Nchw)]
    public void Average_pool_at_a_padded_corner_by_hand(Layout layout)
    {
        // x = [[1, 2, 3], [4, 5, 6], [7, 8, 9]], 2x2 kernel, stride 1, one pad row on top and one pad column on the left.
        // Output (0,0) sees only x[0,0] = 1: excluding padding 1/1 = 1, counting it 1/4 = 0.25.
        // Output (0,1) sees x[0,0..1] = 1 + 2 = 3: 3/2 = 1.5 or 3/4 = 0.75.
        // Output (2,2) sees 5 + 6 + 8 + 9 = 28 with no padding: 28/4 = 7 either way.
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var y = new float[9];
        var exclude = new Pool2DParameters(PoolKind.Average, 2, 2, 1, 1, 1, 0, 1, 0, CountPadding: false);
        Pool2D.Run(x, layout, 1, 3, 3, 1, exclude, y);
        Assert.Equal((1f, 1.5f, 7f), (y[0], y[1], y[8]));
        Engine.Kernels.Reference.Pool2D.Run(x, layout, 1, 3, 3, 1, exclude, y);
        Assert.Equal((1f, 1.5f, 7f), (y[0], y[1], y[8]));
        var include = exclude with { CountPadding = true };
        Pool2D.Run(x, layout, 1, 3, 3, 1, include, y);
        Assert.Equal((0.25f, 0.75f, 7f), (y[0], y[1], y[8]));
        Engine.Kernels.Reference.Pool2D.Run(x, layout, 1, 3, 3, 1, include, y);
        Assert.Equal((0.25f, 0.75f, 7f), (y[0], y[1], y[8]));
    }

    [Fact]
    public void L2_pool_by_hand()
    {
        // Windows {3, 4} and {0, 12} over a 1x4 row, kernel 1x2 stride 2: sqrt(9 + 16) = 5, sqrt(144) = 12.
        var y = new float[2];
        Pool2D.Run([3, 4, 0, 12], Layout.Nchw, 1, 1, 4, 1, new Pool2DParameters(PoolKind.L2, 1, 2, 1, 2, 0, 0, 0, 0), y);
        Assert.Equal([5f, 12f], y);
    }

    [Theory]
    [InlineData(Layout.Nhwc)]
    [InlineData(Layout.Nchw)]
    public void Pool1D_with_ceil_mode_padding_by_hand(Layout layout)
    {
        // x = [1, 3, 2, 5, 4], max kernel 2 stride 2 and one extra pad on the right (ceil mode):
        // (5 + 1 - 2)/2 + 1 = 3 outputs: max(1,3) = 3, max(2,5) = 5, max(4) = 4.
        var y = new float[3];
        Pool1D.Run([1, 3, 2, 5, 4], layout, 1, 5, 1, PoolKind.Max, 2, 2, 0, 1, false, y);
        Assert.Equal([3f, 5f, 4f], y);
    }

    [Fact]
    public void Pads_as_large_as_the_kernel_are_rejected()
    {
        var p = new Pool2DParameters(PoolKind.Max, 2, 2, 1, 1, 2, 0, 0, 0);
        var ex = Assert.Throws<ArgumentException>(() => Pool2D.Run(new float[9], Layout.Nhwc, 1, 3, 3, 1, p, new float[12]));
        Assert.Contains("smaller than the kernel height", ex.Message);
    }

    [Theory]
    [InlineData(Layout.Nhwc)]
    [InlineData(Layout.Nchw)]
    public void Global_pool_matches_reference_and_hand_values(Layout layout)
    {
        // Two channels over 2x2 pixels: channel 0 holds 1, 2, 3, 4 and channel 1 holds -1, 5, 0, 2.
        // Max: 4 and 5; mean: 10/4 = 2.5 and 6/4 = 1.5; L2: sqrt(30) and sqrt(30).
        float[] x = layout == Layout.Nchw ? [1, 2, 3, 4, -1, 5, 0, 2] : [1, -1, 2, 5, 3, 0, 4, 2];
        int[] shape = layout == Layout.Nchw ? [1, 2, 2, 2] : [1, 2, 2, 2];
        var y = new float[2];
        GlobalPool.Run(x, shape, layout, PoolKind.Max, y);
        Assert.Equal([4f, 5f], y);
        GlobalPool.Run(x, shape, layout, PoolKind.Average, y);
        Assert.Equal([2.5f, 1.5f], y);
        GlobalPool.Run(x, shape, layout, PoolKind.L2, y);
        Assert.Equal([MathF.Sqrt(30), MathF.Sqrt(30)], y, (e, v) => Math.Abs(e - v) < 1e-6);

        var rng = new Random(7);
        int[] big = layout == Layout.Nchw ? [2, 19, 5, 7] : [2, 5, 7, 19];
        var data = Enumerable.Range(0, 2 * 19 * 35).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
        foreach (var kind in Enum.GetValues<PoolKind>())
        {
            var actual = new float[38];
            var expected = new float[38];
            GlobalPool.Run(data, big, layout, kind, actual);
            Engine.Kernels.Reference.GlobalPool.Run(data, big, layout, kind, expected);
            // 35 terms of magnitude ≤ 2 per output: (35 + 2)·u·2 bounds the error of each mean or L2 (relative to ≥ 1 values).
            for (var i = 0; i < 38; i++)
            {
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 37 * U * 2 * Math.Max(1, Math.Abs(expected[i])), $"{kind} {layout} output {i}: {actual[i]} vs {expected[i]}");
            }
        }
    }
}
