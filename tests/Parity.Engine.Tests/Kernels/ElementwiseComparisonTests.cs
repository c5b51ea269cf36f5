using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Tensors;
using static Parity.Engine.Tests.Kernels.ElementwiseTolerance;
using Ref = Parity.Engine.Kernels.Reference.Comparison;

namespace Parity.Engine.Tests.Kernels;

public class ElementwiseComparisonTests
{
    public static TheoryData<CompareKind> Kinds => [.. Enum.GetValues<CompareKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_length_equals_the_reference(CompareKind kind)
    {
        var rng = new Random(17 + (int)kind);
        foreach (var n in SweepLengths())
        {
            // Small integers so equality happens often, and a NaN every 7th element.
            var x = Enumerable.Range(0, n).Select(i => i % 7 == 3 ? float.NaN : rng.Next(-2, 3)).ToArray();
            var y = Enumerable.Range(0, n).Select(_ => (float)rng.Next(-2, 3)).ToArray();
            var shape = new Shape(n);
            var expected = new byte[n];
            var actual = new byte[n];
            Ref.Apply(kind, x, shape, y, shape, expected);
            Comparison.Apply(kind, x, shape, y, shape, actual);
            Assert.Equal(expected, actual);
            if (n == 0) continue;

            // Scalar on the right, then on the left: the broadcast-scalar lanes of the driver.
            Ref.Apply(kind, x, shape, [0f], Shape.Scalar, expected);
            Comparison.Apply(kind, x, shape, [0f], Shape.Scalar, actual);
            Assert.Equal(expected, actual);
            Ref.Apply(kind, [1f], new Shape(1), y, shape, expected);
            Comparison.Apply(kind, [1f], new Shape(1), y, shape, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Nan_compares_false_except_not_equal()
    {
        // IEEE 754: NaN is unordered, so ==, <, <=, >, >= are false and != is true.
        float[] nan = [float.NaN];
        var result = new byte[1];
        foreach (var kind in Enum.GetValues<CompareKind>())
        {
            Comparison.Apply(kind, nan, Shape.Scalar, nan, Shape.Scalar, result);
            Assert.Equal(kind == CompareKind.NotEqual ? 1 : 0, result[0]);
        }
    }
}
