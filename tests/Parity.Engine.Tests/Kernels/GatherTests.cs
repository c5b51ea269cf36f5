using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

public class GatherTests
{
    public sealed record Problem(int[] Shape, int Axis, int[] IndexShape, long[] Indices)
    {
        public override string ToString() =>
            $"shape [{string.Join(", ", Shape)}] axis {Axis} indices [{string.Join(", ", IndexShape)}] = [{string.Join(", ", Indices)}]";
    }

    public static class Arbitraries
    {
        public static Arbitrary<Problem> Problems() =>
            (from rank in Gen.Choose(1, 4)
             from shape in Gen.ArrayOf(Gen.Choose(1, 6), rank)
             from axis in Gen.Choose(-rank, rank - 1)
             from indexRank in Gen.Choose(0, 2)
             from indexShape in Gen.ArrayOf(Gen.Choose(0, 4), indexRank)
             let n = shape[axis < 0 ? axis + rank : axis]
             from indices in Gen.ArrayOf(Gen.Choose(-n, n - 1).Select(i => (long)i), indexShape.Aggregate(1, (a, b) => a * b))
             select new Problem(shape, axis, indexShape, indices)).ToArbitrary();
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void Optimized_equals_reference_for_int32_and_int64_indices(Problem p)
    {
        var count = Gather.OutputShape(new Shape(p.Shape), p.Axis, new Shape(p.IndexShape)).ElementCount;
        var data = Enumerable.Range(0, p.Shape.Aggregate(1, (a, b) => a * b)).Select(i => (float)i).ToArray();
        var (expected, actual, actual32) = (new float[count], new float[count], new float[count]);
        Ref.Gather.Run<float, long>(data, p.Shape, p.Axis, p.Indices, expected);
        Gather.Run<float, long>(data, p.Shape, p.Axis, p.Indices, actual);
        Gather.Run<float, int>(data, p.Shape, p.Axis, p.Indices.Select(i => (int)i).ToArray(), actual32);
        Assert.Equal(expected, actual);
        Assert.Equal(expected, actual32);
    }

    [Fact]
    public void Gathers_columns_with_a_negative_index()
    {
        // x = [[1,2,3],[4,5,6]]; numpy.take(x, [[2, -3]], axis=1) has shape [2,1,2]: [[[3,1]],[[6,4]]]
        Assert.Equal(new Shape(2, 1, 2), Gather.OutputShape(new Shape(2, 3), 1, new Shape(1, 2)));
        var output = new float[4];
        Gather.Run<float, int>([1, 2, 3, 4, 5, 6], [2, 3], 1, [2, -3], output);
        Assert.Equal([3f, 1, 6, 4], output);
    }

    [Fact]
    public void Out_of_range_index_is_named()
    {
        var e = Assert.Throws<ArgumentException>(() => Gather.Run<float, long>([1, 2, 3], [3], 0, [0, 3], new float[2]));
        Assert.Contains("index 3", e.Message);
        Assert.Contains("position 1", e.Message);
        Assert.Throws<ArgumentException>(() => Gather.Run<float, int>([1, 2, 3], [3], 0, [-4], new float[1]));
    }

    [Fact]
    public void Embedding_looks_up_rows_and_rejects_fractional_ids()
    {
        // table rows: 0 -> (0,1), 1 -> (10,11), 2 -> (20,21); ids [2, 0] -> (20,21,0,1)
        float[] table = [0, 1, 10, 11, 20, 21];
        var output = new float[4];
        Gather.Embedding(table, 3, 2, [2, 0], output);
        Assert.Equal([20f, 21, 0, 1], output);
        Assert.Throws<ArgumentException>(() => Gather.Embedding(table, 3, 2, [1.5f], new float[2]));
        var e = Assert.Throws<ArgumentException>(() => Gather.Embedding(table, 3, 2, [3f], new float[2]));
        Assert.Contains("3", e.Message);
    }
}
