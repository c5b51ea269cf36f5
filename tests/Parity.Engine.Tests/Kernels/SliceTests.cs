using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

public class SliceTests
{
    public sealed record Problem(int[] Shape, SliceAxis[] Axes)
    {
        public override string ToString() => $"shape [{string.Join(", ", Shape)}] axes {string.Join("; ", Axes)}";
    }

    public static class Arbitraries
    {
        private static Gen<SliceAxis> Axis(int n) =>
            from begin in Gen.Choose(-n - 2, n + 2)
            from end in Gen.Choose(-n - 2, n + 2)
            from stride in Gen.Elements(-3, -2, -1, 1, 1, 2, 3)
            from beginMasked in Gen.Elements(false, false, true)
            from endMasked in Gen.Elements(false, false, true)
            select new SliceAxis(begin, end, stride, beginMasked, endMasked);

        public static Arbitrary<Problem> Problems() =>
            (from rank in Gen.Choose(1, 5)
             from shape in Gen.ArrayOf(Gen.Choose(1, 6), rank)
             from axes in Gen.CollectToArray(shape, Axis)
             select new Problem(shape, axes)).ToArbitrary();
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void Optimized_equals_reference(Problem p)
    {
        var slice = StridedSlice.Resolve(new Shape(p.Shape), p.Axes);
        var count = StridedSlice.OutputShape(slice).ElementCount;
        var input = Enumerable.Range(0, p.Shape.Aggregate(1, (a, b) => a * b)).Select(i => (float)i).ToArray();
        var expected = new float[count];
        var actual = new float[count];
        Ref.StridedSlice.Run<float>(input, p.Shape, slice, expected);
        StridedSlice.Run<float>(input, p.Shape, slice, actual);
        Assert.Equal(expected, actual);
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void Resolution_agrees_with_an_index_by_index_definition(Problem p)
    {
        // Independent definition of Python's slice on one axis: negative begin/end first have n added; then walk from
        // begin (moved inside the axis) in stride steps while still before end, keeping the indices inside the axis.
        var slice = StridedSlice.Resolve(new Shape(p.Shape), p.Axes);
        for (var a = 0; a < p.Shape.Length; a++)
        {
            var expected = PythonSlice(p.Shape[a], p.Axes[a]);
            var actual = Enumerable.Range(0, slice.Count[a]).Select(k => slice.Start[a] + k * slice.Step[a]).ToArray();
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData(2, 8, 3, false, false, new[] { 2, 5 })]              // x[2:8:3]
    [InlineData(0, 0, -1, true, true, new[] { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 })] // x[::-1]
    [InlineData(8, 2, -2, false, false, new[] { 8, 6, 4 })]           // x[8:2:-2]
    [InlineData(-3, 0, 1, false, true, new[] { 7, 8, 9 })]            // x[-3:]
    [InlineData(-100, 100, 1, false, false, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 })] // x[-100:100]
    [InlineData(100, -100, -4, false, false, new[] { 9, 5, 1 })]      // x[100:-100:-4]
    [InlineData(5, 5, 1, false, false, new int[0])]                   // x[5:5]
    [InlineData(-1, -12, -3, false, false, new[] { 9, 6, 3, 0 })]     // x[-1:-12:-3]
    [InlineData(3, 0, -1, false, false, new[] { 3, 2, 1 })]           // x[3:0:-1]
    public void Python_slices_of_range_10(int begin, int end, int stride, bool beginMasked, bool endMasked, int[] expected)
    {
        var slice = StridedSlice.Resolve(new Shape(10), [new SliceAxis(begin, end, stride, beginMasked, endMasked)]);
        var output = new int[slice.Count[0]];
        StridedSlice.Run<int>(Enumerable.Range(0, 10).ToArray(), [10], slice, output);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Squeeze_mask_takes_one_index_and_drops_the_axis()
    {
        // x = [[0,1,2],[3,4,5]]; x[-1, ::2] = [3, 5] with shape [2]
        var slice = StridedSlice.Resolve(new Shape(2, 3), [new SliceAxis(-1, 0, Squeeze: true), new SliceAxis(0, 0, 2, BeginMasked: true, EndMasked: true)]);
        Assert.Equal(new Shape(2), StridedSlice.OutputShape(slice));
        var output = new float[2];
        StridedSlice.Run<float>([0, 1, 2, 3, 4, 5], [2, 3], slice, output);
        Assert.Equal([3f, 5], output);
    }

    [Fact]
    public void Zero_stride_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => StridedSlice.Resolve(new Shape(4), [new SliceAxis(0, 4, 0)]));
        Assert.Contains("stride", e.Message);
    }

    private static int[] PythonSlice(int n, SliceAxis s)
    {
        var result = new List<int>();
        if (s.Stride > 0)
        {
            var b = s.BeginMasked ? 0 : s.Begin < 0 ? s.Begin + n : s.Begin;
            var e = s.EndMasked ? n : s.End < 0 ? s.End + n : s.End;
            for (var i = Math.Max(b, 0); i < e; i += s.Stride)
            {
                if (i >= 0 && i < n) result.Add(i);
            }
        }
        else
        {
            var b = s.BeginMasked ? n - 1 : s.Begin < 0 ? s.Begin + n : s.Begin;
            var e = s.EndMasked ? -1 : s.End < 0 ? s.End + n : s.End;
            if (!s.EndMasked && e < -1) e = -1;
            for (var i = Math.Min(b, n - 1); i > e; i += s.Stride)
            {
                if (i >= 0 && i < n) result.Add(i);
            }
        }
        return result.ToArray();
    }
}
