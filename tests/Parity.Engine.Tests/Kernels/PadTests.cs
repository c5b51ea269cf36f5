using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

public class PadTests
{
    public sealed record Problem(int[] Shape, int[] Before, int[] After, PadMode Mode)
    {
        public override string ToString() =>
            $"shape [{string.Join(", ", Shape)}] before [{string.Join(", ", Before)}] after [{string.Join(", ", After)}] {Mode}";
    }

    public static class Arbitraries
    {
        public static Arbitrary<Problem> Problems() =>
            (from rank in Gen.Choose(1, 5)
             from shape in Gen.ArrayOf(Gen.Choose(1, 6), rank)
             from before in Gen.ArrayOf(Gen.Choose(0, 7), rank)
             from after in Gen.ArrayOf(Gen.Choose(0, 7), rank)
             from mode in Gen.Elements(PadMode.Constant, PadMode.Reflect, PadMode.Edge, PadMode.Symmetric)
             select new Problem(shape, before, after, mode)).ToArbitrary();
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void Optimized_equals_reference(Problem p)
    {
        var outCount = Pad.OutputShape(new Shape(p.Shape), p.Before, p.After).ElementCount;
        var input = Enumerable.Range(1, p.Shape.Aggregate(1, (a, b) => a * b)).Select(i => (float)i).ToArray();
        var expected = new float[outCount];
        var actual = new float[outCount];
        Ref.Pad.Run<float>(input, p.Shape, p.Before, p.After, p.Mode, -7f, expected);
        Pad.Run<float>(input, p.Shape, p.Before, p.After, p.Mode, -7f, actual);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(PadMode.Reflect, new float[] { 3, 2, 1, 2, 3, 2, 1 })]   // numpy.pad([1,2,3], 2, 'reflect')
    [InlineData(PadMode.Symmetric, new float[] { 2, 1, 1, 2, 3, 3, 2 })] // numpy.pad([1,2,3], 2, 'symmetric')
    [InlineData(PadMode.Edge, new float[] { 1, 1, 1, 2, 3, 3, 3 })]      // numpy.pad([1,2,3], 2, 'edge')
    [InlineData(PadMode.Constant, new float[] { 9, 9, 1, 2, 3, 9, 9 })]  // numpy.pad([1,2,3], 2, constant_values=9)
    public void Pads_1_2_3_by_two_on_each_side(PadMode mode, float[] expected)
    {
        var output = new float[7];
        Pad.Run<float>([1, 2, 3], [3], [2], [2], mode, 9f, output);
        Assert.Equal(expected, output);
        Ref.Pad.Run<float>([1, 2, 3], [3], [2], [2], mode, 9f, output);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Reflect_keeps_folding_when_the_pad_exceeds_the_axis()
    {
        // numpy.pad([1,2,3], 5, 'reflect') mirrors with period 4: 2 1 2 3 2 | 1 2 3 | 2 1 2 3 2
        var output = new float[13];
        Pad.Run<float>([1, 2, 3], [3], [5], [5], PadMode.Reflect, 0f, output);
        Assert.Equal([2f, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2], output);
    }

    [Fact]
    public void Asymmetric_constant_pad_of_a_2x2_matrix()
    {
        // [[1,2],[3,4]] with one row on top, one column on the right, zeros:
        // [[0,0,0],[1,2,0],[3,4,0]]
        var output = new float[9];
        Pad.Run<float>([1, 2, 3, 4], [2, 2], [1, 0], [0, 1], PadMode.Constant, 0f, output);
        Assert.Equal([0f, 0, 0, 1, 2, 0, 3, 4, 0], output);
    }

    [Fact]
    public void Large_nhwc_pad_matches_reference()
    {
        // Large enough for the multi-threaded path; C innermost gives long contiguous runs.
        int[] shape = [2, 61, 67, 9];
        var input = Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(i => (float)i).ToArray();
        int[] before = [0, 3, 1, 0], after = [0, 2, 4, 0];
        var count = Pad.OutputShape(new Shape(shape), before, after).ElementCount;
        var (expected, actual) = (new float[count], new float[count]);
        Ref.Pad.Run<float>(input, shape, before, after, PadMode.Reflect, 0f, expected);
        Pad.Run<float>(input, shape, before, after, PadMode.Reflect, 0f, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Negative_pads_are_rejected_with_the_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => Pad.OutputShape(new Shape(3, 4), [0, -1], [0, 0]));
        Assert.Contains("[3, 4]", e.Message);
    }
}
