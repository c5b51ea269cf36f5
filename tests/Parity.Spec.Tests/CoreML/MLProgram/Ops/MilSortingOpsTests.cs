using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>topk, argsort, cumsum, fill, range_1d and einsum.</summary>
public class MilSortingOpsTests
{
    [Theory]
    [InlineData(false, new[] { 3f, 2f, 6f, 5f }, new[] { 1f, 2f, 2f, 0f })]
    [InlineData(true, new[] { 1f, 2f, 4f, 5f }, new[] { 0f, 2f, 1f, 0f })]
    public void Topk_returns_the_k_extreme_values_and_their_positions(bool ascending, float[] values, float[] indices)
    {
        // Rows [1, 3, 2] and [5, 4, 6], k = 2 along the last axis.
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 2, 3)
            .Op("topk", [("v", DataType.Float32, [2, 2]), ("i", DataType.Int32, [2, 2])], ("x", "x"), ("k", Int(2)), ("ascending", Bool(ascending)))
            .Output("v", "i")
            .Run(new() { ["x"] = Data([2, 3], 1, 3, 2, 5, 4, 6) });
        Assert.Equal(values, output["v"]);
        Assert.Equal(indices, output["i"]);
    }

    [Fact]
    public void Argsort_orders_descending_by_default_and_keeps_ties_in_position_order()
    {
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 4)
            .Op("argsort", "y", DataType.Int32, [4], ("x", "x"))
            .Op("argsort", "z", DataType.Int32, [4], ("x", "x"), ("ascending", Bool(true)))
            .Output("y", "z")
            .Run(new() { ["x"] = Data([4], 1, 7, 1, 0) });
        Assert.Equal([1f, 0f, 2f, 3f], output["y"]);
        Assert.Equal([3f, 0f, 2f, 1f], output["z"]);
    }

    [Theory]
    [InlineData(false, false, new[] { 1f, 3f, 6f })]
    [InlineData(true, false, new[] { 0f, 1f, 3f })]
    [InlineData(false, true, new[] { 6f, 5f, 3f })]
    [InlineData(true, true, new[] { 5f, 3f, 0f })]
    public void Cumsum_sums_inclusively_or_exclusively_from_either_end(bool exclusive, bool reverse, float[] expected)
    {
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 3)
            .Op("cumsum", "y", DataType.Float32, [3], ("x", "x"), ("exclusive", Bool(exclusive)), ("reverse", Bool(reverse)))
            .Output("y")
            .Run(new() { ["x"] = Data([3], 1, 2, 3) });
        Assert.Equal(expected, output["y"]);
    }

    [Fact]
    public void Fill_and_range_are_generated_while_reading()
    {
        // fill(shape of x = [2, 2], 7); range_1d(start 1, end 5, step 1.5) = [1, 2.5, 4]; both added to x.
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 2, 2)
            .Op("shape", "s", DataType.Int32, [2], ("x", "x"))
            .Op("fill", "f", DataType.Float32, [2, 2], ("shape", "s"), ("value", Float(7)))
            .Op("range_1d", "r", DataType.Float32, [3], ("start", Float(1)), ("end", Float(5)), ("step", Float(1.5f)))
            .Op("add", "y", DataType.Float32, [2, 2], ("x", "x"), ("y", "f"))
            .Output("y", "r")
            .Run(new() { ["x"] = Data([2, 2], 0, 1, 2, 3) });
        Assert.Equal([7f, 8f, 9f, 10f], output["y"]);
        Assert.Equal([1f, 2.5f, 4f], output["r"]);
    }

    [Theory]
    [InlineData("chw,whr->chr", new[] { 2, 3, 4 }, new[] { 4, 3, 5 }, new[] { 2, 3, 5 })]
    [InlineData("nchw,nwhu->nchu", new[] { 2, 2, 3, 4 }, new[] { 2, 4, 3, 5 }, new[] { 2, 2, 3, 5 })]
    public void Einsum_multiplies_over_axes_minus_one_and_minus_three(string equation, int[] aShape, int[] bShape, int[] outShape)
    {
        var a = Enumerable.Range(0, aShape.Aggregate(1, (p, d) => p * d)).Select(i => (float)(i % 7 - 3)).ToArray();
        var b = Enumerable.Range(0, bShape.Aggregate(1, (p, d) => p * d)).Select(i => (float)(i % 5 - 2)).ToArray();
        var output = new MilTestProgram()
            .Input("a", DataType.Float32, aShape)
            .Input("b", DataType.Float32, bShape)
            .Op("einsum", "y", DataType.Float32, outShape, ("values", new[] { "a", "b" }), ("equation", String(equation)))
            .Output("y")
            .Run(new() { ["a"] = Data(aShape, a), ["b"] = Data(bShape, b) });

        // out[n, c, h, u] = Σ_w a[n, c, h, w] · b[n, w, h, u], with n of size 1 in the rank-3 case.
        var batch = aShape.Length == 4 ? aShape[0] : 1;
        var (c, h, w, u) = (aShape[^3], aShape[^2], aShape[^1], bShape[^1]);
        var expected = new float[batch * c * h * u];
        for (var n = 0; n < batch; n++)
            for (var ci = 0; ci < c; ci++)
                for (var hi = 0; hi < h; hi++)
                    for (var ui = 0; ui < u; ui++)
                    {
                        var sum = 0f;
                        for (var wi = 0; wi < w; wi++) sum += a[((n * c + ci) * h + hi) * w + wi] * b[((n * w + wi) * h + hi) * u + ui];
                        expected[((n * c + ci) * h + hi) * u + ui] = sum;
                    }
        Assert.Equal(expected, output["y"]);
    }
}
