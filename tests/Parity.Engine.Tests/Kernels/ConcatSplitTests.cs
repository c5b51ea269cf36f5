using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

public class ConcatSplitTests
{
    /// <summary>A base shape, an axis (possibly negative) and the sizes each piece has along it.</summary>
    public sealed record Problem(int[] Shape, int Axis, int[] Sizes)
    {
        public int PositiveAxis => Axis < 0 ? Axis + Shape.Length : Axis;

        public Shape PieceShape(int i)
        {
            var dims = (int[])Shape.Clone();
            dims[PositiveAxis] = Sizes[i];
            return new Shape(dims);
        }

        public override string ToString() => $"shape [{string.Join(", ", Shape)}] axis {Axis} sizes [{string.Join(", ", Sizes)}]";
    }

    public static class Arbitraries
    {
        public static Arbitrary<Problem> Problems() =>
            (from rank in Gen.Choose(1, 5)
             from shape in Gen.ArrayOf(Gen.Choose(1, 6), rank)
             from axis in Gen.Choose(-rank, rank - 1)
             from pieces in Gen.Choose(1, 4)
             from sizes in Gen.ArrayOf(Gen.Choose(0, 5), pieces)
             select new Problem(shape, axis, sizes)).ToArbitrary();
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void Concat_equals_reference_and_split_inverts_it(Problem p)
    {
        var inputs = p.Sizes.Select((_, i) => Filled(DType.Int64, p.PieceShape(i), 1000 * (i + 1))).ToList();
        var outShape = Concat.OutputShape(inputs.Select(t => t.Shape).ToArray(), p.Axis);
        using var actual = Tensor.Zeros(DType.Int64, outShape);
        using var expected = Tensor.Zeros(DType.Int64, outShape);
        Concat.Run(inputs, p.Axis, actual);
        Ref.Concat.Run(inputs, p.Axis, expected);
        Assert.True(actual.ContentEquals(expected), p.ToString());

        var shapes = Split.OutputShapes(outShape, p.Axis, p.Sizes);
        var pieces = shapes.Select(s => Tensor.Zeros(DType.Int64, s)).ToList();
        var refPieces = shapes.Select(s => Tensor.Zeros(DType.Int64, s)).ToList();
        Split.Run(actual, p.Axis, pieces);
        Ref.Split.Run(actual, p.Axis, refPieces);
        for (var i = 0; i < inputs.Count; i++)
        {
            Assert.True(pieces[i].ContentEquals(inputs[i]), $"piece {i} of {p}");
            Assert.True(refPieces[i].ContentEquals(inputs[i]), $"reference piece {i} of {p}");
        }
        foreach (var t in inputs.Concat(pieces).Concat(refPieces)) t.Dispose();
    }

    [Fact]
    public void Concatenates_along_the_last_axis_by_hand()
    {
        // [[1,2],[3,4]] ++ [[5],[6]] along axis 1 = [[1,2,5],[3,4,6]]
        using var a = Tensor.FromArray([1, 2, 3, 4], 2, 2);
        using var b = Tensor.FromArray([5, 6], 2, 1);
        using var c = Tensor.Zeros(2, 3);
        Concat.Run([a, b], -1, c);
        Assert.Equal([1f, 2, 5, 3, 4, 6], c.Floats.ToArray());
    }

    [Fact]
    public void Concat_of_float16_and_bool_keeps_bits()
    {
        using var a = Tensor.FromBools([true, false], new Shape(2));
        using var b = Tensor.FromBools([true], new Shape(1));
        using var c = Tensor.Zeros(DType.Bool, new Shape(3));
        Concat.Run([a, b], 0, c);
        Assert.Equal([1, 0, 1], c.Bytes.ToArray());
    }

    [Fact]
    public void Mismatched_shapes_are_named()
    {
        var e = Assert.Throws<ArgumentException>(() => Concat.OutputShape([new Shape(2, 3), new Shape(3, 3)], 1));
        Assert.Contains("[3, 3]", e.Message);
        Assert.Contains("[2, 3]", e.Message);
    }

    [Fact]
    public void Equal_split_sizes_need_divisibility()
    {
        Assert.Equal([2, 2, 2], Split.EqualSizes(6, 3));
        Assert.Throws<ArgumentException>(() => Split.EqualSizes(7, 3));
        var e = Assert.Throws<ArgumentException>(() => Split.OutputShapes(new Shape(2, 5), 1, [2, 2]));
        Assert.Contains("[2, 5]", e.Message);
    }

    private static Tensor Filled(DType dtype, Shape shape, int offset)
    {
        var t = Tensor.Zeros(dtype, shape);
        var span = t.Span<long>();
        for (var i = 0; i < span.Length; i++) span[i] = offset + i;
        return t;
    }
}
