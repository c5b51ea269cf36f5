using Parity.Engine.Graph;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Ops.Reduction;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Reduction;

/// <summary>The along-axis ops (CumulativeSum, TopK, ArgSort, GatherAlongAxisOp, GatherNDOp) and Select on small hand-checked cases.</summary>
public class AlongAxisOpTests
{
    private static Tensor[] Run(IOperator op, params Tensor[] inputs)
    {
        var types = op.InferOutputTypes(inputs.Select(i => i.Type).ToArray());
        var outputs = types.Select(t => Tensor.Uninitialized(t.DType, t.Shape)).ToArray();
        op.Execute(inputs, outputs);
        return outputs;
    }

    [Fact]
    public void Cumulative_sum_runs_along_an_inner_axis()
    {
        // [[1, 2, 3], [4, 5, 6]] along axis 1: [[1, 3, 6], [4, 9, 15]]; reversed and exclusive: [[5, 3, 0], [11, 6, 0]].
        using var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal([1f, 3f, 6f, 4f, 9f, 15f], Run(new CumulativeSum(1, false, false), x)[0].Floats.ToArray());
        Assert.Equal([5f, 3f, 0f, 11f, 6f, 0f], Run(new CumulativeSum(-1, true, true), x)[0].Floats.ToArray());
    }

    [Fact]
    public void Top_k_is_stable_and_ranks_nan_highest()
    {
        // [2, NaN, 2, 1]: descending NaN (1), 2 (0), 2 (2); ascending 1 (3), 2 (0).
        using var x = Tensor.FromArray([2, float.NaN, 2, 1], 4);
        var top = Run(new TopK(0, 3, smallest: false), x);
        Assert.Equal([1L, 0L, 2L], top[1].Span<long>().ToArray());
        Assert.True(float.IsNaN(top[0].Floats[0]));
        var bottom = Run(new TopK(0, 2, smallest: true), x);
        Assert.Equal([1f, 2f], bottom[0].Floats.ToArray());
        Assert.Equal([3L, 0L], bottom[1].Span<long>().ToArray());
        Assert.Throws<ShapeMismatchException>(() => new TopK(0, 5, false).InferOutputTypes([x.Type]));
    }

    [Fact]
    public void Arg_sort_works_down_columns()
    {
        // Columns of [[3, 1], [1, 2], [2, 0]] along axis 0: [1, 2, 0] and [2, 0, 1], interleaved row by row.
        using var x = Tensor.FromArray([3, 1, 1, 2, 2, 0], 3, 2);
        Assert.Equal([1L, 2L, 2L, 0L, 0L, 1L], Run(new ArgSort(0, false), x)[0].Span<long>().ToArray());
    }

    [Fact]
    public void Gathers_reject_indices_out_of_range()
    {
        using var data = Tensor.FromArray([1, 2, 3], 3);
        using var bad = Tensor.FromSpan<long>([3], new Shape(1));
        Assert.Throws<ArgumentException>(() => Run(new GatherAlongAxisOp(0), data, bad));
        using var badRow = Tensor.FromSpan<long>([-4], new Shape(1, 1));
        Assert.Throws<ArgumentException>(() => Run(new GatherNDOp(), data, badRow));
    }

    [Fact]
    public void Gather_nd_with_full_depth_picks_scalars()
    {
        // [[1, 2], [3, 4]] at (1, 0) and (-1, -1): [3, 4].
        using var data = Tensor.FromArray([1, 2, 3, 4], 2, 2);
        using var indices = Tensor.FromSpan<long>([1, 0, -1, -1], new Shape(2, 2));
        var result = Run(new GatherNDOp(), data, indices)[0];
        Assert.Equal(new Shape(2), result.Shape);
        Assert.Equal([3f, 4f], result.Floats.ToArray());
    }

    [Fact]
    public void Select_broadcasts_all_three_operands_and_reads_nan_as_true()
    {
        // condition column [[0], [NaN]], x row [1, 2, 3], y [9]: [[9, 9, 9], [1, 2, 3]].
        using var condition = Tensor.FromArray([0, float.NaN], 2, 1);
        using var x = Tensor.FromArray([1, 2, 3], 3);
        using var y = Tensor.FromArray([9], 1);
        var result = Run(new Select(), condition, x, y)[0];
        Assert.Equal(new Shape(2, 3), result.Shape);
        Assert.Equal([9f, 9f, 9f, 1f, 2f, 3f], result.Floats.ToArray());
        Assert.Throws<ShapeMismatchException>(() => new Select().InferOutputTypes([condition.Type, Tensor.FromArray([1, 2, 3], 3, 1).Type, y.Type]));
    }
}
