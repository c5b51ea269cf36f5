using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Graph;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Elementwise;

public class SelectOpTests
{
    public sealed record Problem(int[] Output, bool[] DropCondition, bool[] DropA, bool[] DropB);

    public static class Arbitraries
    {
        /// <summary>An output shape and, per operand and axis, whether the operand has size 1 there (broadcast).</summary>
        public static Arbitrary<Problem> Problems() =>
            (from rank in Gen.Choose(0, 4)
             from shape in Gen.ArrayOf(Gen.Choose(1, 4), rank)
             from c in Gen.ArrayOf(Gen.Elements(true, false), rank)
             from a in Gen.ArrayOf(Gen.Elements(true, false), rank)
             from b in Gen.ArrayOf(Gen.Elements(true, false), rank)
             select new Problem(shape, c, a, b)).ToArbitrary();
    }

    [Fact]
    public void Picks_a_where_the_condition_holds_and_b_elsewhere_broadcasting_all_three()
    {
        // cond [[T], [F]] (2x1), a = [1, 2, 3] (row), b = 0 scalar -> [[1, 2, 3], [0, 0, 0]].
        using var cond = Tensor.FromBools([true, false], new Shape(2, 1));
        using var a = Tensor.FromArray([1, 2, 3], 3);
        using var b = Tensor.FromArray([0f]);
        var op = new Select();
        var type = op.InferOutputTypes([cond.Type, a.Type, b.Type]).Single();
        Assert.Equal(new TensorType(DType.Float32, new Shape(2, 3)), type);
        using var y = Tensor.Uninitialized(type.DType, type.Shape);
        op.Execute([cond, a, b], [y]);
        Assert.Equal([1f, 2, 3, 0, 0, 0], y.Floats.ToArray());
    }

    [Fact]
    public void Passes_infinities_and_nan_through_untouched()
    {
        using var cond = Tensor.FromBools([true, false], new Shape(2));
        using var a = Tensor.FromArray([float.PositiveInfinity, 1], 2);
        using var b = Tensor.FromArray([2, float.NaN], 2);
        using var y = Tensor.Uninitialized(DType.Float32, new Shape(2));
        new Select().Execute([cond, a, b], [y]);
        Assert.Equal(float.PositiveInfinity, y.Floats[0]);
        Assert.True(float.IsNaN(y.Floats[1]));
    }

    [Fact]
    public void Rejects_an_integer_condition_and_shapes_that_do_not_broadcast()
    {
        var op = new Select();
        Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Int32, new Shape(2)), new TensorType(DType.Float32, new Shape(2)), new TensorType(DType.Float32, new Shape(2))]));
        Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Bool, new Shape(3)), new TensorType(DType.Float32, new Shape(2)), new TensorType(DType.Float32, new Shape(2))]));
    }

    /// <summary>Against numpy.where's definition written per output coordinate: each operand is read at the coordinate with its size-1 axes pinned to 0.</summary>
    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void Equals_the_per_coordinate_definition(Problem p)
    {
        var cShape = p.Output.Select((d, i) => p.DropCondition[i] ? 1 : d).ToArray();
        var aShape = p.Output.Select((d, i) => p.DropA[i] ? 1 : d).ToArray();
        var bShape = p.Output.Select((d, i) => p.DropB[i] ? 1 : d).ToArray();
        var cValues = Enumerable.Range(0, cShape.Aggregate(1, (x, y) => x * y)).Select(i => i % 3 != 1).ToArray();
        var aValues = Enumerable.Range(0, aShape.Aggregate(1, (x, y) => x * y)).Select(i => (float)i).ToArray();
        var bValues = Enumerable.Range(0, bShape.Aggregate(1, (x, y) => x * y)).Select(i => -1f - i).ToArray();
        using var cond = Tensor.FromBools(cValues, new Shape(cShape));
        using var a = Tensor.FromArray(aValues, aShape);
        using var b = Tensor.FromArray(bValues, bShape);
        using var y = Tensor.Uninitialized(DType.Float32, new Shape(p.Output));
        new Select().Execute([cond, a, b], [y]);

        var count = p.Output.Aggregate(1, (x, z) => x * z);
        for (var flat = 0; flat < count; flat++)
        {
            var coordinate = new int[p.Output.Length];
            for (int axis = p.Output.Length - 1, rest = flat; axis >= 0; axis--) (coordinate[axis], rest) = (rest % p.Output[axis], rest / p.Output[axis]);
            var expected = cValues[Offset(coordinate, cShape)] ? aValues[Offset(coordinate, aShape)] : bValues[Offset(coordinate, bShape)];
            Assert.Equal(expected, y.Floats[flat]);
        }
    }

    private static int Offset(int[] coordinate, int[] shape)
    {
        var offset = 0;
        for (var axis = 0; axis < shape.Length; axis++) offset = offset * shape[axis] + (shape[axis] == 1 ? 0 : coordinate[axis]);
        return offset;
    }
}
