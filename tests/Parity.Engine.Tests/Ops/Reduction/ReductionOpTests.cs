using Parity.Engine.Graph;
using Parity.Engine.Kernels.Reductions;
using Parity.Engine.Ops.Reduction;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Reduction;

public class ReductionOpTests
{
    private static Tensor Run(IOperator op, Tensor input)
    {
        var type = op.InferOutputTypes([input.Type])[0];
        var output = Tensor.Uninitialized(type.DType, type.Shape);
        op.Execute([input], [output]);
        return output;
    }

    [Fact]
    public void Reduce_sums_columns_with_and_without_kept_dims()
    {
        // [[1, 2, 3], [4, 5, 6]] summed over axis 0: [5, 7, 9].
        using var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        using var kept = Run(new Reduce(ReductionKind.Sum, [0], keepDims: true), x);
        Assert.Equal(new Shape(1, 3), kept.Shape);
        Assert.Equal([5f, 7f, 9f], kept.Floats.ToArray());
        using var dropped = Run(new Reduce(ReductionKind.Sum, [-2], keepDims: false), x);
        Assert.Equal(new Shape(3), dropped.Shape);
    }

    [Fact]
    public void Reduce_with_null_axes_reduces_everything()
    {
        // Mean of 1..6 = 21/6 = 3.5, as a scalar.
        using var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        using var mean = Run(new Reduce(ReductionKind.Mean, null, keepDims: false), x);
        Assert.Equal(Shape.Scalar, mean.Shape);
        Assert.Equal(3.5f, mean.Floats[0]);
    }

    [Fact]
    public void ArgMax_returns_int64_first_indices()
    {
        // Rows [3, 1, 3] and [0, 2, 2]: first maxima at 0 and 1.
        using var x = Tensor.FromArray([3, 1, 3, 0, 2, 2], 2, 3);
        using var indices = Run(new ArgReduce(max: true, axis: -1, keepDims: false), x);
        Assert.Equal(DType.Int64, indices.DType);
        Assert.Equal([0L, 1L], indices.Span<long>().ToArray());
        using var minima = Run(new ArgReduce(max: false, axis: 1, keepDims: true), x);
        Assert.Equal(new Shape(2, 1), minima.Shape);
        Assert.Equal([1L, 0L], minima.Span<long>().ToArray());
    }

    [Fact]
    public void Bad_axes_and_dtypes_are_shape_mismatches()
    {
        var type = new TensorType(DType.Float32, new Shape(2, 3));
        var ex = Assert.Throws<ShapeMismatchException>(() => new Reduce(ReductionKind.Max, [2], false).InferOutputTypes([type]));
        Assert.Contains("float32[2, 3]", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => new ArgReduce(true, 5, false).InferOutputTypes([type]));
        Assert.Throws<ShapeMismatchException>(() => new Reduce(ReductionKind.Sum, [0], false).InferOutputTypes([new TensorType(DType.Int32, new Shape(2))]));
    }
}
