using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;
using Ref = Parity.Engine.Kernels.Reference.Softmax;

namespace Parity.Engine.Tests.Kernels;

public class SoftmaxTests
{
    // Established bounds against the double reference for inputs in [-10, 10] and axes up to a few hundred:
    // softmax |err| <= 1e-6 |ref| + 1e-9 (float exp, float sum, one division); log-softmax |err| <= 1e-6 (1 + |ref|).
    private static bool SoftmaxClose(float actual, float expected) => Math.Abs(actual - expected) <= 1e-6 * Math.Abs(expected) + 1e-9;

    private static bool LogSoftmaxClose(float actual, float expected) => Math.Abs(actual - expected) <= 1e-6 * (1 + Math.Abs(expected));

    [Fact]
    public void Hand_computed_softmax_of_1_2_3()
    {
        // exp([1, 2, 3] - 3) = [e^-2, e^-1, 1] = [0.13533528, 0.36787944, 1], sum 1.50321472:
        // [0.09003057, 0.24472847, 0.66524096]; log-softmax = [1, 2, 3] - 3 - log(1.50321472) = [-2.40760596, -1.40760596, -0.40760596].
        var y = new float[3];
        Softmax.Apply([1, 2, 3], new Shape(3), -1, y);
        Assert.Equal(0.09003057f, y[0], 1e-7f);
        Assert.Equal(0.24472847f, y[1], 1e-7f);
        Assert.Equal(0.66524096f, y[2], 1e-7f);
        Softmax.ApplyLog([1, 2, 3], new Shape(3), 0, y);
        Assert.Equal(-2.40760596f, y[0], 1e-6f);
        Assert.Equal(-1.40760596f, y[1], 1e-6f);
        Assert.Equal(-0.40760596f, y[2], 1e-6f);
    }

    [Fact]
    public void Extreme_inputs_do_not_overflow_and_nan_stays_in_its_slice()
    {
        var y = new float[6];
        // Rows: [1000, 0] -> [1, e^-1000 = 0]; [-1000, -1000] -> [1/2, 1/2]; [NaN, 1] -> NaN.
        Softmax.Apply([1000, 0, -1000, -1000, float.NaN, 1], new Shape(3, 2), 1, y);
        Assert.Equal([1f, 0f, 0.5f, 0.5f], y[..4]);
        Assert.True(float.IsNaN(y[4]) && float.IsNaN(y[5]));
    }

    public static Arbitrary<(int[] Dims, int Axis)> Problems() =>
        (from rank in Gen.Choose(1, 4)
         from dims in Gen.ArrayOf(Gen.Choose(1, 9), rank)
         from axis in Gen.Choose(-rank, rank - 1)
         select (dims, axis)).ToArbitrary();

    [Property(MaxTest = 100)]
    public Property Softmax_equals_the_reference_and_slices_sum_to_one() =>
        Prop.ForAll(Problems(), p =>
        {
            var shape = new Shape(p.Dims);
            var a = shape.Axis(p.Axis);
            int outer = shape.Product(0, a), n = shape[a], inner = shape.Product(a + 1, shape.Rank);
            var x = ElementwiseTolerance.RandomValues(new Random(shape.GetHashCode() + p.Axis), shape.ElementCount);
            var expected = new float[x.Length];
            Ref.Apply(x, expected, outer, n, inner);
            var actual = new float[x.Length];
            Softmax.Apply(x, shape, p.Axis, actual);
            for (var i = 0; i < x.Length; i++) if (!SoftmaxClose(actual[i], expected[i])) Assert.Fail($"softmax {shape} axis {p.Axis} at {i}: {actual[i]:R} vs {expected[i]:R}");
            for (var o = 0; o < outer; o++)
            {
                for (var j = 0; j < inner; j++)
                {
                    var sum = 0.0;
                    for (var k = 0; k < n; k++) sum += actual[(o * n + k) * inner + j];
                    if (Math.Abs(sum - 1) > 1e-6) Assert.Fail($"slice sum {sum:R}");
                }
            }

            Ref.ApplyLog(x, expected, outer, n, inner);
            Softmax.ApplyLog(x, shape, p.Axis, x);
            for (var i = 0; i < x.Length; i++) if (!LogSoftmaxClose(x[i], expected[i])) Assert.Fail($"log-softmax in place {shape} axis {p.Axis} at {i}: {x[i]:R} vs {expected[i]:R}");
        });

    [Theory]
    [InlineData(1, 1000, 1)]
    [InlineData(300, 257, 1)]
    [InlineData(7, 300, 65)]
    [InlineData(2, 3, 40000)]
    public void Long_axes_and_many_slices_match_the_reference(int outer, int n, int inner)
    {
        var x = ElementwiseTolerance.RandomValues(new Random(outer + n + inner), outer * n * inner);
        var expected = new float[x.Length];
        var actual = new float[x.Length];
        Ref.Apply(x, expected, outer, n, inner);
        Softmax.Apply(x, actual, outer, n, inner);
        for (var i = 0; i < x.Length; i++) if (!SoftmaxClose(actual[i], expected[i])) Assert.Fail($"at {i}: {actual[i]:R} vs {expected[i]:R}");
        Ref.ApplyLog(x, expected, outer, n, inner);
        Softmax.ApplyLog(x, actual, outer, n, inner);
        for (var i = 0; i < x.Length; i++) if (!LogSoftmaxClose(actual[i], expected[i])) Assert.Fail($"log at {i}: {actual[i]:R} vs {expected[i]:R}");
    }

    [Fact]
    public void Rejects_mismatched_extents()
    {
        var e = Assert.Throws<ArgumentException>(() => Softmax.Apply(new float[10], new float[10], 2, 3, 2));
        Assert.Contains("12", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Softmax.Apply(new float[6], new Shape(2, 3), 2, new float[6]));
    }
}
