using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

public class TileTests
{
    public sealed record Problem(int[] Shape, int[] Repeats)
    {
        public override string ToString() => $"shape [{string.Join(", ", Shape)}] repeats [{string.Join(", ", Repeats)}]";
    }

    public static class Arbitraries
    {
        public static Arbitrary<Problem> Problems() =>
            (from rank in Gen.Choose(1, 5)
             from shape in Gen.ArrayOf(Gen.Choose(1, 6), rank)
             from repeats in Gen.ArrayOf(Gen.Choose(0, 3), rank)
             select new Problem(shape, repeats)).ToArbitrary();
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void Optimized_equals_reference(Problem p)
    {
        var count = Tile.OutputShape(new Shape(p.Shape), p.Repeats).ElementCount;
        var input = Enumerable.Range(0, p.Shape.Aggregate(1, (a, b) => a * b)).Select(i => (long)i).ToArray();
        var (expected, actual) = (new long[count], new long[count]);
        Ref.Tile.Run<long>(input, p.Shape, p.Repeats, expected);
        Tile.Run<long>(input, p.Shape, p.Repeats, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Large_tile_with_short_rows_matches_reference()
    {
        // Big enough for the multi-threaded path; a last axis of 3 repeated twice is copied element by element.
        int[] shape = [120, 200, 3], repeats = [1, 2, 2];
        var input = Enumerable.Range(0, 120 * 200 * 3).Select(i => (float)i).ToArray();
        var count = Tile.OutputShape(new Shape(shape), repeats).ElementCount;
        var (expected, actual) = (new float[count], new float[count]);
        Ref.Tile.Run<float>(input, shape, repeats, expected);
        Tile.Run<float>(input, shape, repeats, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Tiles_a_2x2_matrix_by_hand()
    {
        // numpy.tile([[1,2],[3,4]], (2,2)) = [[1,2,1,2],[3,4,3,4],[1,2,1,2],[3,4,3,4]]
        var output = new float[16];
        Tile.Run<float>([1, 2, 3, 4], [2, 2], [2, 2], output);
        Assert.Equal([1f, 2, 1, 2, 3, 4, 3, 4, 1, 2, 1, 2, 3, 4, 3, 4], output);
    }

    [Fact]
    public void Repeat_vector_is_a_tile_of_an_inserted_axis()
    {
        // Keras RepeatVector(3) on [[1,2]] (shape [1,2]) gives [[[1,2],[1,2],[1,2]]]: tile [1,1,2] by [1,3,1].
        var output = new float[6];
        Tile.Run<float>([1, 2], [1, 1, 2], [1, 3, 1], output);
        Assert.Equal([1f, 2, 1, 2, 1, 2], output);
    }
}
