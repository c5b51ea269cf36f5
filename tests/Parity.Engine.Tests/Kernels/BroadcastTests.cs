using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Kernels;

public class BroadcastTests
{
    [Theory]
    [InlineData(new[] { 2, 3 }, new[] { 3 }, new[] { 2, 3 })]
    [InlineData(new[] { 4, 1, 5 }, new[] { 3, 1 }, new[] { 4, 3, 5 })]
    [InlineData(new int[0], new[] { 2, 2 }, new[] { 2, 2 })]
    [InlineData(new[] { 0, 3 }, new[] { 1, 3 }, new[] { 0, 3 })]
    [InlineData(new[] { 1 }, new int[0], new[] { 1 })]
    public void Result_shape_aligns_on_the_right(int[] a, int[] b, int[] expected)
    {
        Assert.Equal(new Shape(expected), Broadcasting.ResultShape(new Shape(a), new Shape(b)));
        Assert.Equal(new Shape(expected), Broadcasting.ResultShape(new Shape(b), new Shape(a)));
    }

    [Fact]
    public void Incompatible_shapes_are_named_in_the_error()
    {
        var e = Assert.Throws<ArgumentException>(() => Broadcasting.ResultShape(new Shape(2, 3), new Shape(4)));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[4]", e.Message);
        Assert.False(Broadcasting.AreCompatible(new Shape(2, 3), new Shape(4)));
    }

    [Fact]
    public void Hand_computed_row_and_column_broadcasts()
    {
        // [[1, 2, 3], [4, 5, 6]] + [10, 20, 30] = [[11, 22, 33], [14, 25, 36]];
        // [[1], [2]] * [[1, 10, 100]] = [[1, 10, 100], [2, 20, 200]].
        var sum = new float[6];
        Binary.Apply(BinaryKind.Add, [1, 2, 3, 4, 5, 6], new Shape(2, 3), [10, 20, 30], new Shape(3), sum);
        Assert.Equal([11f, 22, 33, 14, 25, 36], sum);
        var outer = new float[6];
        Binary.Apply(BinaryKind.Multiply, [1, 2], new Shape(2, 1), [1, 10, 100], new Shape(1, 3), outer);
        Assert.Equal([1f, 10, 100, 2, 20, 200], outer);
        var less = new byte[6];
        Comparison.Apply(CompareKind.Less, [1, 2, 3, 4, 5, 6], new Shape(2, 3), [3.5f], Shape.Scalar, less);
        Assert.Equal([1, 1, 1, 0, 0, 0], less);
    }

    /// <summary>A pair of shapes that broadcast: an output shape of rank 0..5 with dims 1..5, each input dropping leading axes and setting some to 1.</summary>
    public static Arbitrary<(int[] Left, int[] Right)> CompatibleShapes()
    {
        var gen =
            from rank in Gen.Choose(0, 5)
            from dims in Gen.ArrayOf(Gen.Choose(1, 5), rank)
            from left in InputShape(dims)
            from right in InputShape(dims)
            select (left, right);
        return gen.ToArbitrary();
    }

    private static Gen<int[]> InputShape(int[] output) =>
        from drop in Gen.Choose(0, output.Length)
        from ones in Gen.ArrayOf(Gen.Elements(true, false, false), output.Length)
        select output.Skip(drop).Select((d, i) => ones[i + drop] ? 1 : d).ToArray();

    [Property(MaxTest = 150)]
    public Property Broadcast_binary_ops_equal_the_reference_exactly() =>
        Prop.ForAll(CompatibleShapes(), Gen.Elements(BinaryKind.Add, BinaryKind.Subtract, BinaryKind.Multiply, BinaryKind.Divide, BinaryKind.Maximum, BinaryKind.Minimum).ToArbitrary(), (shapes, kind) =>
        {
            Shape a = shapes.Left, b = shapes.Right;
            var rng = new Random(a.GetHashCode() ^ b.GetHashCode());
            var x = ElementwiseTolerance.RandomValues(rng, a.ElementCount);
            var y = ElementwiseTolerance.RandomValues(rng, b.ElementCount);
            var shape = Broadcasting.ResultShape(a, b);
            var expected = new float[shape.ElementCount];
            Parity.Engine.Kernels.Reference.Binary.Apply(kind, x, a, y, b, expected);
            var actual = new float[shape.ElementCount];
            Binary.Apply(kind, x, a, y, b, actual);
            Assert.Equal(expected, actual);
        });

    [Property(MaxTest = 100)]
    public Property Broadcast_comparisons_equal_the_reference() =>
        Prop.ForAll(CompatibleShapes(), Gen.Elements(Enum.GetValues<CompareKind>()).ToArbitrary(), (shapes, kind) =>
        {
            Shape a = shapes.Left, b = shapes.Right;
            var rng = new Random(a.GetHashCode() * 31 + b.GetHashCode());
            // Small integers so that equal values actually occur; one NaN when there is room.
            var x = Enumerable.Range(0, a.ElementCount).Select(_ => (float)rng.Next(-2, 3)).ToArray();
            var y = Enumerable.Range(0, b.ElementCount).Select(_ => (float)rng.Next(-2, 3)).ToArray();
            if (x.Length > 2) x[1] = float.NaN;
            var shape = Broadcasting.ResultShape(a, b);
            var expected = new byte[shape.ElementCount];
            Parity.Engine.Kernels.Reference.Comparison.Apply(kind, x, a, y, b, expected);
            var actual = new byte[shape.ElementCount];
            Comparison.Apply(kind, x, a, y, b, actual);
            Assert.Equal(expected, actual);
        });

    [Fact]
    public void Large_broadcasts_split_over_threads_match_the_reference()
    {
        // [64, 33, 40] + [33, 1]: N*C runs of 40 against a scalar; [257, 300] - [300]: rows against one vector.
        var rng = new Random(2);
        foreach (var (a, b) in new[] { (new Shape(64, 33, 40), new Shape(33, 1)), (new Shape(257, 300), new Shape(300)), (new Shape(1, 300), new Shape(257, 1)) })
        {
            var x = ElementwiseTolerance.RandomValues(rng, a.ElementCount);
            var y = ElementwiseTolerance.RandomValues(rng, b.ElementCount);
            var shape = Broadcasting.ResultShape(a, b);
            var expected = new float[shape.ElementCount];
            var actual = new float[shape.ElementCount];
            Parity.Engine.Kernels.Reference.Binary.Apply(BinaryKind.Subtract, x, a, y, b, expected);
            Binary.Apply(BinaryKind.Subtract, x, a, y, b, actual);
            Assert.Equal(expected, actual);
        }
    }
}
