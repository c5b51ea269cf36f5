using FsCheck.Xunit;
using Parity.Engine.Graph;
using Parity.Engine.Ops.Reduction;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Reduction;

public class TopKAndCumulativeSumTests
{
    [Fact]
    public void TopK_along_the_first_axis_returns_values_and_positions()
    {
        // Columns of [[1, 9], [5, 9], [3, 0]]: k = 2 largest -> column 0: 5 (row 1), 3 (row 2); column 1: 9 (row 0), 9 (row 1, tie after row 0).
        using var x = Tensor.FromArray([1, 9, 5, 9, 3, 0], 3, 2);
        var (values, indices) = Run(new TopK(0, 2, smallest: false), x);
        Assert.Equal([5f, 9, 3, 9], values);
        Assert.Equal([1L, 0, 2, 1], indices);
    }

    /// <summary>Against LINQ's stable OrderBy on each row (an independent definition of a stable sort).</summary>
    [Property(MaxTest = 100)]
    public void TopK_equals_a_stable_sort_of_each_row(byte[] seed, bool ascending)
    {
        var n = Math.Max(1, seed.Length % 9);
        var row = Enumerable.Range(0, n).Select(i => (float)((i < seed.Length ? seed[i] : i) % 4)).ToArray();
        var k = 1 + (seed.Length % n);
        using var x = Tensor.FromArray(row, 1, n);
        var (values, indices) = Run(new TopK(-1, k, ascending), x);
        var order = ascending
            ? Enumerable.Range(0, n).OrderBy(i => row[i]).ToArray()
            : Enumerable.Range(0, n).OrderByDescending(i => row[i]).ToArray();
        Assert.Equal(order.Take(k).Select(i => (long)i).ToArray(), indices);
        Assert.Equal(order.Take(k).Select(i => row[i]).ToArray(), values);
    }

    [Fact]
    public void TopK_rejects_k_larger_than_the_axis()
    {
        Assert.Throws<ShapeMismatchException>(() => new TopK(1, 4, false).InferOutputTypes([new TensorType(DType.Float32, new Shape(2, 3))]));
        Assert.Throws<ShapeMismatchException>(() => new TopK(0, 0, false).InferOutputTypes([new TensorType(DType.Float32, new Shape(2, 3))]));
    }

    [Theory]
    [InlineData(false, false, new[] { 1f, 2, 3, 5, 7, 9 })]   // rows [1, 2, 3] and [4, 5, 6] summed down axis 0: second row = 1+4, 2+5, 3+6
    [InlineData(true, false, new[] { 0f, 0, 0, 1, 2, 3 })]
    [InlineData(false, true, new[] { 5f, 7, 9, 4, 5, 6 })]
    [InlineData(true, true, new[] { 4f, 5, 6, 0, 0, 0 })]
    public void Cumulative_sum_down_an_axis(bool exclusive, bool reverse, float[] expected)
    {
        using var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        var op = new CumulativeSum(0, exclusive, reverse);
        var type = op.InferOutputTypes([x.Type]).Single();
        using var y = Tensor.Uninitialized(type.DType, type.Shape);
        op.Execute([x], [y]);
        Assert.Equal(expected, y.Floats.ToArray());
    }

    private static (float[] Values, long[] Indices) Run(TopK op, Tensor x)
    {
        var types = op.InferOutputTypes([x.Type]);
        using var values = Tensor.Uninitialized(types[0].DType, types[0].Shape);
        using var indices = Tensor.Uninitialized(types[1].DType, types[1].Shape);
        op.Execute([x], [values, indices]);
        return (values.Floats.ToArray(), indices.Span<long>().ToArray());
    }
}
