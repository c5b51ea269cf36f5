using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

public class CropTests
{
    public sealed record Problem(int[] Shape, int[] Begin, int[] End)
    {
        public override string ToString() => $"shape [{string.Join(", ", Shape)}] crop [{string.Join(", ", Begin)}] / [{string.Join(", ", End)}]";
    }

    public static class Arbitraries
    {
        public static Arbitrary<Problem> Problems() =>
            (from rank in Gen.Choose(1, 5)
             from shape in Gen.ArrayOf(Gen.Choose(1, 6), rank)
             from begin in Gen.CollectToArray(shape, n => Gen.Choose(0, n))
             from end in Gen.CollectToArray(shape.Zip(begin, (n, b) => n - b), room => Gen.Choose(0, room))
             select new Problem(shape, begin, end)).ToArbitrary();
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void Optimized_equals_reference(Problem p)
    {
        var count = Crop.OutputShape(new Shape(p.Shape), p.Begin, p.End).ElementCount;
        var input = Enumerable.Range(0, p.Shape.Aggregate(1, (a, b) => a * b)).Select(i => (Half)i).ToArray();
        var (expected, actual) = (new Half[count], new Half[count]);
        Ref.Crop.Run<Half>(input, p.Shape, p.Begin, p.End, expected);
        Crop.Run<Half>(input, p.Shape, p.Begin, p.End, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Crops_a_3x4_matrix_by_hand()
    {
        // [[0,1,2,3],[4,5,6,7],[8,9,10,11]] minus 1 row on top and 1 column on each side = [[5,6],[9,10]]
        var output = new float[4];
        Crop.Run<float>(Enumerable.Range(0, 12).Select(i => (float)i).ToArray(), [3, 4], [1, 1], [0, 1], output);
        Assert.Equal([5f, 6, 9, 10], output);
    }

    [Fact]
    public void Too_much_cropping_names_the_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => Crop.OutputShape(new Shape(3, 4), [2, 0], [2, 0]));
        Assert.Contains("[3, 4]", e.Message);
    }
}
