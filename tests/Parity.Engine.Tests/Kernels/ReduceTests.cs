using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels.Reductions;

namespace Parity.Engine.Tests.Kernels;

/// <summary>A reduction problem: shape, the axes reduced (possibly negative), keepdims and the data seed.</summary>
public sealed record ReduceProblem(int[] Shape, int[] Axes, bool KeepDims, int Seed)
{
    public override string ToString() =>
        $"shape [{string.Join(", ", Shape)}] axes [{string.Join(", ", Axes)}] keepDims {KeepDims} seed {Seed}";
}

public class ReduceTests
{
    // Unit roundoff of float32.
    private const double U = 1.0 / (1 << 24);

    private static Gen<ReduceProblem> Problems(bool singleAxis) =>
        from rank in Gen.Choose(1, 5)
        from dims in Gen.ArrayOf(Gen.Choose(1, 7), rank)
        from mask in Gen.ArrayOf(Gen.Elements(true, false), rank)
        from single in Gen.Choose(0, rank - 1)
        from negative in Gen.Elements(true, false)
        from keep in Gen.Elements(true, false)
        from seed in Gen.Choose(0, int.MaxValue)
        let chosen = singleAxis ? [single] : Enumerable.Range(0, rank).Where(i => mask[i]).ToArray()
        select new ReduceProblem(dims, chosen.Select(a => negative ? a - rank : a).ToArray(), keep, seed);

    private static float[] Data(ReduceProblem p, Func<Random, float> draw)
    {
        var rng = new Random(p.Seed);
        var data = new float[p.Shape.Aggregate(1, (a, b) => a * b)];
        for (var i = 0; i < data.Length; i++) data[i] = draw(rng);
        return data;
    }

    private static float Uniform(Random rng) => (float)(rng.NextDouble() * 4 - 2);

    [Property(MaxTest = 60)]
    public Property Optimized_matches_reference_for_every_kind() => Prop.ForAll(Arb.From(Problems(singleAxis: false)), p =>
    {
        foreach (var kind in Enum.GetValues<ReductionKind>())
        {
            // Products of values near ±1 stay far from overflow however many are multiplied.
            // The log of a sum needs a positive sum, which positive terms guarantee.
            var data = kind switch
            {
                ReductionKind.Product => Data(p, r => (r.Next(2) == 0 ? -1 : 1) * (float)(1 + (r.NextDouble() - 0.5) / 64)),
                ReductionKind.LogSum => Data(p, r => (float)(0.1 + r.NextDouble() * 2)),
                _ => Data(p, Uniform),
            };
            var outShape = Reduction.OutputShape(p.Shape, p.Axes, p.KeepDims);
            var n = data.Length / Math.Max(1, outShape.Aggregate(1, (a, b) => a * b));
            var actual = new float[outShape.Aggregate(1, (a, b) => a * b)];
            var expected = new float[actual.Length];
            var magnitude = new float[actual.Length];
            Reduction.Reduce(kind, data, p.Shape, p.Axes, actual);
            Engine.Kernels.Reference.Reduction.Reduce(kind, data, p.Shape, p.Axes, expected);
            Engine.Kernels.Reference.Reduction.Reduce(ReductionKind.L1, data, p.Shape, p.Axes, magnitude);
            for (var i = 0; i < actual.Length; i++)
            {
                var bound = Bound(kind, n, expected[i], magnitude[i]);
                var error = Math.Abs((double)actual[i] - expected[i]);
                Assert.True(error <= bound, $"{kind} {p}: element {i} is {actual[i]}, reference {expected[i]}, error {error} > bound {bound}");
            }
        }
    });

    // Error bounds of float32 evaluation against the (rounded) double reference; see the Reduction summary.
    private static double Bound(ReductionKind kind, int n, float reference, float sumOfMagnitudes) => kind switch
    {
        ReductionKind.Max or ReductionKind.Min => 0,
        ReductionKind.Sum => (n + 1) * U * sumOfMagnitudes,
        ReductionKind.Mean => (n + 2) * U * sumOfMagnitudes / n,
        ReductionKind.SumOfSquares or ReductionKind.L1 => (n + 2) * U * Math.Abs(reference),
        ReductionKind.L2 => (n + 2) * U * Math.Abs(reference),
        ReductionKind.Product => 2 * (n + 2) * U * Math.Abs(reference),
        // exp and log are a few ulp each; partial results feed later passes through exp(y - m).
        ReductionKind.LogSumExp => 4 * (n + 8) * U * (1 + Math.Abs(reference)),
        // With positive terms the sum is off by (n + 1)·u relative, which log turns into an absolute error.
        ReductionKind.LogSum => (n + 4) * U * (1 + Math.Abs(reference)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Property(MaxTest = 60)]
    public Property ArgMax_and_ArgMin_match_reference_with_ties() => Prop.ForAll(Arb.From(Problems(singleAxis: true)), p =>
    {
        // Few distinct values so ties are common and the first-index rule is exercised.
        var data = Data(p, r => r.Next(-2, 3));
        var outShape = Reduction.OutputShape(p.Shape, p.Axes, p.KeepDims);
        var count = outShape.Aggregate(1, (a, b) => a * b);
        foreach (var max in new[] { true, false })
        {
            var actual = new long[count];
            var expected = new long[count];
            if (max)
            {
                Reduction.ArgMax(data, p.Shape, p.Axes[0], actual);
                Engine.Kernels.Reference.Reduction.ArgMax(data, p.Shape, p.Axes[0], expected);
            }
            else
            {
                Reduction.ArgMin(data, p.Shape, p.Axes[0], actual);
                Engine.Kernels.Reference.Reduction.ArgMin(data, p.Shape, p.Axes[0], expected);
            }
            Assert.True(expected.SequenceEqual(actual), $"{(max ? "ArgMax" : "ArgMin")} {p}: [{string.Join(",", actual)}] vs reference [{string.Join(",", expected)}]");
        }
    });

    [Theory]
    [InlineData(new[] { 2000, 50 }, new[] { 1 })]
    [InlineData(new[] { 64, 300, 8 }, new[] { 1 })]
    [InlineData(new[] { 40, 30, 20, 10 }, new[] { 0, 2 })]
    public void Problems_large_enough_to_split_across_threads_match_reference(int[] shape, int[] axes)
    {
        var p = new ReduceProblem(shape, axes, false, 11);
        var data = Data(p, Uniform);
        var count = Reduction.OutputShape(shape, axes, false).Aggregate(1, (a, b) => a * b);
        var n = data.Length / count;
        foreach (var kind in new[] { ReductionKind.Sum, ReductionKind.Max, ReductionKind.L2, ReductionKind.LogSumExp })
        {
            var actual = new float[count];
            var expected = new float[count];
            var magnitude = new float[count];
            Reduction.Reduce(kind, data, shape, axes, actual);
            Engine.Kernels.Reference.Reduction.Reduce(kind, data, shape, axes, expected);
            Engine.Kernels.Reference.Reduction.Reduce(ReductionKind.L1, data, shape, axes, magnitude);
            for (var i = 0; i < count; i++)
            {
                Assert.True(Math.Abs((double)actual[i] - expected[i]) <= Bound(kind, n, expected[i], magnitude[i]), $"{kind} {p}: element {i} is {actual[i]}, reference {expected[i]}");
            }
        }
        if (axes.Length == 1)
        {
            var indices = new long[count];
            var reference = new long[count];
            Reduction.ArgMax(data, shape, axes[0], indices);
            Engine.Kernels.Reference.Reduction.ArgMax(data, shape, axes[0], reference);
            Assert.Equal(reference, indices);
        }
    }

    [Fact]
    public void Reference_sums_and_maxima_by_hand()
    {
        // [[1, 2, 3], [4, 5, 6]]: rows sum to 6 and 15, columns to 5, 7, 9; column maxima are the second row.
        float[] x = [1, 2, 3, 4, 5, 6];
        var rows = new float[2];
        Engine.Kernels.Reference.Reduction.Reduce(ReductionKind.Sum, x, [2, 3], [1], rows);
        Assert.Equal([6f, 15f], rows);
        var columns = new float[3];
        Engine.Kernels.Reference.Reduction.Reduce(ReductionKind.Sum, x, [2, 3], [0], columns);
        Assert.Equal([5f, 7f, 9f], columns);
        Engine.Kernels.Reference.Reduction.Reduce(ReductionKind.Max, x, [2, 3], [-2], columns);
        Assert.Equal([4f, 5f, 6f], columns);
        // L2 of the first row: sqrt(1 + 4 + 9) = sqrt(14); mean of all: 21 / 6 = 3.5; product: 720.
        Engine.Kernels.Reference.Reduction.Reduce(ReductionKind.L2, x, [2, 3], [1], rows);
        Assert.Equal(MathF.Sqrt(14), rows[0], 6);
        var all = new float[1];
        Engine.Kernels.Reference.Reduction.Reduce(ReductionKind.Mean, x, [2, 3], [0, 1], all);
        Assert.Equal(3.5f, all[0]);
        Engine.Kernels.Reference.Reduction.Reduce(ReductionKind.Product, x, [2, 3], [0, 1], all);
        Assert.Equal(720f, all[0]);
        // LogSum of everything: log 21.
        Engine.Kernels.Reference.Reduction.Reduce(ReductionKind.LogSum, x, [2, 3], [0, 1], all);
        Assert.Equal(MathF.Log(21), all[0], 6);
    }

    [Fact]
    public void LogSumExp_is_stable_for_large_values()
    {
        // log(e^1000 + e^1000) = 1000 + log 2; a naive exp overflows to +inf.
        float[] x = [1000, 1000];
        var result = new float[1];
        Reduction.Reduce(ReductionKind.LogSumExp, x, [2], [0], result);
        Assert.Equal(1000 + MathF.Log(2), result[0], 3);
        Reduction.Reduce(ReductionKind.LogSumExp, [float.NegativeInfinity, float.NegativeInfinity], [2], [0], result);
        Assert.Equal(float.NegativeInfinity, result[0]);
    }

    [Fact]
    public void ArgMax_takes_the_first_index_on_ties_like_NumPy()
    {
        // np.argmax([1, 3, 3, 2]) == 1 and np.argmin([2, 0, 5, 0]) == 1.
        var index = new long[1];
        Reduction.ArgMax([1, 3, 3, 2], [4], 0, index);
        Assert.Equal(1, index[0]);
        Reduction.ArgMin([2, 0, 5, 0], [4], 0, index);
        Assert.Equal(1, index[0]);
        // Along a strided axis: columns of [[1, 7], [5, 7], [5, 0]] -> argmax [1, 0].
        var columns = new long[2];
        Reduction.ArgMax([1, 7, 5, 7, 5, 0], [3, 2], 0, columns);
        Assert.Equal([1L, 0L], columns);
        // NaN wins like NumPy: np.argmax([1, nan, 5, nan]) == 1.
        Reduction.ArgMax([1, float.NaN, 5, float.NaN], [4], 0, index);
        Assert.Equal(1, index[0]);
        // The same rules down 16 columns (whole vectors): column c of the 3 rows holds c, c + 1, c + 1, except
        // column 5 whose rows 1 and 2 are NaN. ArgMax: row 1 everywhere (first of the tied maxima, or first NaN);
        // ArgMin: row 0 everywhere except column 5, where the first NaN (row 1) wins.
        var grid = new float[48];
        for (var c = 0; c < 16; c++) (grid[c], grid[16 + c], grid[32 + c]) = (c, c + 1, c + 1);
        (grid[16 + 5], grid[32 + 5]) = (float.NaN, float.NaN);
        var rows = new long[16];
        Reduction.ArgMax(grid, [3, 16], 0, rows);
        Assert.All(rows, r => Assert.Equal(1, r));
        Reduction.ArgMin(grid, [3, 16], 0, rows);
        Assert.Equal(Enumerable.Range(0, 16).Select(c => c == 5 ? 1L : 0L), rows);
    }

    [Fact]
    public void Max_propagates_NaN_and_empty_reductions_follow_their_identity()
    {
        var one = new float[1];
        Reduction.Reduce(ReductionKind.Max, [1, float.NaN, 3], [3], [0], one);
        Assert.True(float.IsNaN(one[0]));
        var two = new float[2];
        Reduction.Reduce(ReductionKind.Sum, [], [2, 0], [1], two);
        Assert.Equal([0f, 0f], two);
        Reduction.Reduce(ReductionKind.Product, [], [2, 0], [1], two);
        Assert.Equal([1f, 1f], two);
        Assert.Throws<ArgumentException>(() => Reduction.Reduce(ReductionKind.Max, [], [2, 0], [1], new float[2]));
    }

    [Fact]
    public void Bad_axes_are_rejected_with_a_message()
    {
        var ex = Assert.Throws<ArgumentException>(() => Reduction.Reduce(ReductionKind.Sum, new float[6], [2, 3], [2], new float[2]));
        Assert.Contains("out of range", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Reduction.Reduce(ReductionKind.Sum, new float[6], [2, 3], [1, -1], new float[2]));
        Assert.Contains("twice", ex.Message);
    }

    [Fact]
    public void Output_shape_keeps_or_drops_reduced_axes()
    {
        Assert.Equal([2, 1, 4], Reduction.OutputShape([2, 3, 4], [1], keepDims: true));
        Assert.Equal([2, 4], Reduction.OutputShape([2, 3, 4], [-2], keepDims: false));
        Assert.Equal([], Reduction.OutputShape([2, 3, 4], [0, 1, 2], keepDims: false));
    }
}
