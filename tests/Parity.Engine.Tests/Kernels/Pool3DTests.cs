using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels.Pooling;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

/// <summary>A 3-D pooling problem: input sizes, window parameters and the data seed.</summary>
public sealed record Pool3DProblem(int Batch, int Channels, int Depth, int Height, int Width, Pool3DParameters Parameters, int Seed)
{
    public override string ToString() => $"{Batch}x{Channels}x{Depth}x{Height}x{Width} {Parameters} seed {Seed}";

    public int OutputLength => Batch * Channels * Parameters.OutputDepth(Depth) * Parameters.OutputHeight(Height) * Parameters.OutputWidth(Width);
}

/// <summary>3-D pooling: optimized against the reference on generated problems, and the reference against hand-computed windows.</summary>
public class Pool3DTests
{
    private const double U = 1.0 / (1 << 24);

    private static Gen<Pool3DProblem> Problems =>
        (from batch in Gen.Choose(1, 2)
         from channels in Gen.Elements(1, 2, 3, 5)
         from depth in Gen.Choose(1, 6)
         from height in Gen.Choose(1, 7)
         from width in Gen.Choose(1, 11)
         from kind in Gen.Elements(PoolKind.Max, PoolKind.Average, PoolKind.L2)
         from kernel in Gen.ArrayOf(Gen.Choose(1, 3), 3)
         from stride in Gen.ArrayOf(Gen.Choose(1, 3), 3)
         from front in Gen.Choose(0, kernel[0] - 1)
         from back in Gen.Choose(0, kernel[0] - 1)
         from top in Gen.Choose(0, kernel[1] - 1)
         from bottom in Gen.Choose(0, kernel[1] - 1)
         from left in Gen.Choose(0, kernel[2] - 1)
         from right in Gen.Choose(0, kernel[2] - 1)
         from countPadding in Gen.Elements(true, false)
         from seed in Gen.Choose(0, int.MaxValue)
         select new Pool3DProblem(batch, channels, depth, height, width,
             new Pool3DParameters(kind, kernel[0], kernel[1], kernel[2], stride[0], stride[1], stride[2],
                 front, back, top, bottom, left, right, countPadding), seed))
        .Where(p => p.Depth + p.Parameters.PadFront + p.Parameters.PadBack >= p.Parameters.KernelDepth
                 && p.Height + p.Parameters.PadTop + p.Parameters.PadBottom >= p.Parameters.KernelHeight
                 && p.Width + p.Parameters.PadLeft + p.Parameters.PadRight >= p.Parameters.KernelWidth);

    [Property(MaxTest = 120)]
    public Property Optimized_matches_reference() => Prop.ForAll(Arb.From(Problems), problem =>
    {
        var p = problem.Parameters;
        var rng = new Random(problem.Seed);
        var x = Enumerable.Range(0, problem.Batch * problem.Channels * problem.Depth * problem.Height * problem.Width)
            .Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
        var actual = new float[problem.OutputLength];
        var expected = new float[problem.OutputLength];
        Array.Fill(actual, float.NaN);
        Pool3D.Run(x, problem.Batch, problem.Channels, problem.Depth, problem.Height, problem.Width, p, actual);
        Ref.Pool3D.Run(x, problem.Batch, problem.Channels, problem.Depth, problem.Height, problem.Width, p, expected);

        // The average of |x| over each window (same divisor) scales the rounding error of a float32 window sum.
        var magnitude = new float[problem.OutputLength];
        Ref.Pool3D.Run(x.Select(Math.Abs).ToArray(), problem.Batch, problem.Channels, problem.Depth, problem.Height, problem.Width,
            p with { Kind = PoolKind.Average }, magnitude);
        var terms = p.KernelDepth * p.KernelHeight * p.KernelWidth;
        for (var i = 0; i < problem.OutputLength; i++)
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

    [Fact]
    public void Large_volumes_split_across_threads_and_match_reference()
    {
        var p = new Pool3DParameters(PoolKind.Average, 3, 3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 1);
        var rng = new Random(5);
        var x = Enumerable.Range(0, 2 * 4 * 16 * 20 * 24).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var length = 2 * 4 * p.OutputDepth(16) * p.OutputHeight(20) * p.OutputWidth(24);
        var actual = new float[length];
        var expected = new float[length];
        Pool3D.Run(x, 2, 4, 16, 20, 24, p, actual);
        Ref.Pool3D.Run(x, 2, 4, 16, 20, 24, p, expected);
        for (var i = 0; i < length; i++) Assert.True(Math.Abs(actual[i] - expected[i]) <= 29 * U, $"output {i}: {actual[i]} vs {expected[i]}");
    }

    private static readonly float[] OneToEighteen = Enumerable.Range(1, 18).Select(i => (float)i).ToArray();

    public static TheoryData<string> Kernels => new() { "reference", "optimized" };

    private static float[] Run(string which, float[] x, int depth, int height, int width, Pool3DParameters p)
    {
        var y = new float[p.OutputDepth(depth) * p.OutputHeight(height) * p.OutputWidth(width)];
        if (which == "reference") Ref.Pool3D.Run(x, 1, 1, depth, height, width, p, y);
        else Pool3D.Run(x, 1, 1, depth, height, width, p, y);
        return y;
    }

    // NeuralNetwork.proto's Pooling3DLayerParams example: slices [[1..9]] and [[10..18]] (3x3 each), 2x2x2 max, stride 1.
    [Theory]
    [MemberData(nameof(Kernels))]
    public void Max_of_the_proto_example(string which)
    {
        var p = new Pool3DParameters(PoolKind.Max, 2, 2, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0);
        Assert.Equal([14f, 15f, 17f, 18f], Run(which, OneToEighteen, 2, 3, 3, p));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Average_of_the_proto_example(string which)
    {
        // Window at (0,0): 1+2+4+5+10+11+13+14 = 60 -> 7.5; the others shift by 1, 3, 4: 8.5, 10.5, 11.5.
        var p = new Pool3DParameters(PoolKind.Average, 2, 2, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0);
        Assert.Equal([7.5f, 8.5f, 10.5f, 11.5f], Run(which, OneToEighteen, 2, 3, 3, p));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Average_counts_a_front_pad_only_when_asked(string which)
    {
        // x = [2, 4] along depth, a 2-deep window with pad front 1: first window {pad, 2}, second {2, 4}.
        var exclude = new Pool3DParameters(PoolKind.Average, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, CountPadding: false);
        Assert.Equal([2f, 3f], Run(which, [2, 4], 2, 1, 1, exclude));
        Assert.Equal([1f, 3f], Run(which, [2, 4], 2, 1, 1, exclude with { CountPadding = true }));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void L2_is_the_root_of_the_sum_of_squares(string which)
    {
        // sqrt(3² + 4²) = 5 over a 2x1x1 window.
        var p = new Pool3DParameters(PoolKind.L2, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0);
        Assert.Equal([5f], Run(which, [3, 4], 2, 1, 1, p));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Strides_skip_windows_on_every_axis(string which)
    {
        // 1x1x1 max with stride 2 on the 2x3x3 example keeps slice 0, rows 0 and 2, columns 0 and 2: [1, 3, 7, 9].
        var p = new Pool3DParameters(PoolKind.Max, 1, 1, 1, 2, 2, 2, 0, 0, 0, 0, 0, 0);
        Assert.Equal([1f, 3f, 7f, 9f], Run(which, OneToEighteen, 2, 3, 3, p));
    }

    [Fact]
    public void A_pad_as_large_as_the_kernel_is_rejected_naming_the_axis()
    {
        var p = new Pool3DParameters(PoolKind.Max, 2, 2, 2, 1, 1, 1, 2, 0, 0, 0, 0, 0);
        var e = Assert.Throws<ArgumentException>(() => Pool3D.Run(new float[8], 1, 1, 2, 2, 2, p, new float[27]));
        Assert.Contains("depth pads", e.Message);
    }
}
