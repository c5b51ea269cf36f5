using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Tensors;
using static Parity.Engine.Tests.Kernels.ElementwiseTolerance;
using Ref = Parity.Engine.Kernels.Reference.Binary;

namespace Parity.Engine.Tests.Kernels;

public class ElementwiseBinaryTests
{
    public static TheoryData<BinaryKind> Kinds => [.. Enum.GetValues<BinaryKind>()];

    // Single IEEE operations and NumPy's exact divmod equal the double reference rounded to float; MathF.Pow is within 1 ulp.
    private static double AllowedUlps(BinaryKind kind) => kind == BinaryKind.Power ? 1 : 0;

    // Divisors kept away from 0 so floor division quotients stay below 2^22, where float floor division is exact.
    private static float[] RightOperands(Random rng, BinaryKind kind, int n) =>
        kind is BinaryKind.FloorDivide or BinaryKind.Modulo
            ? [.. Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 9.9 + 0.1) * (rng.Next(2) * 2 - 1)))]
            : kind == BinaryKind.Power ? [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 8 - 4))] : RandomValues(rng, n);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_length_matches_the_reference(BinaryKind kind)
    {
        var rng = new Random(13 + (int)kind);
        foreach (var n in SweepLengths())
        {
            var x = RandomValues(rng, n);
            var y = RightOperands(rng, kind, n);
            var shape = new Shape(n);
            var expected = new float[n];
            Ref.Apply(kind, x, shape, y, shape, expected);
            var actual = new float[n];
            Binary.Apply(kind, x, y, actual);
            AssertWithin(x, actual, expected, _ => AllowedUlps(kind), $"{kind} n={n}");

            // Scalar on either side: the span-scalar drivers.
            Ref.Apply(kind, x, shape, y.Take(1).ToArray(), new Shape(Math.Min(1, n)), expected);
            Binary.Apply(kind, x, shape, y.Take(1).ToArray(), new Shape(Math.Min(1, n)), actual);
            AssertWithin(x, actual, expected, _ => AllowedUlps(kind), $"{kind} span-scalar n={n}");
            if (n == 0) continue;
            Ref.Apply(kind, [x[0]], Shape.Scalar, y, shape, expected);
            Binary.Apply(kind, [x[0]], Shape.Scalar, y, shape, actual);
            AssertWithin(y, actual, expected, _ => AllowedUlps(kind), $"{kind} scalar-span n={n}");

            // In place on the left operand.
            Ref.Apply(kind, x, shape, y, shape, expected);
            Binary.Apply(kind, x, y, x);
            AssertWithin(y, x, expected, _ => AllowedUlps(kind), $"{kind} in place n={n}");
        }
    }

    [Fact]
    public void Floor_divide_and_modulo_follow_numpy()
    {
        // Python/NumPy: 7 // 2 = 3, -7 // 2 = -4, 7 // -2 = -4, -7 // -2 = 3; the remainder takes the divisor's sign.
        float[] x = [7, -7, 7, -7, 5.5f, 1, -5, 1];
        float[] y = [2, 2, -2, -2, 2, 0.1f, float.PositiveInfinity, 0];
        var div = new float[x.Length];
        var mod = new float[x.Length];
        Binary.Apply(BinaryKind.FloorDivide, x, y, div);
        Binary.Apply(BinaryKind.Modulo, x, y, mod);
        // float32 0.1 is 0.100000001490116..., so 1 / 0.1 is just below 10: NumPy gives 9 and the exact remainder
        // 1 - 9 * 0.100000001490116 = 0.099999986588954925537109375. -5 // inf = -1 and -5 % inf = inf (Python);
        // division by zero gives inf and NaN.
        Assert.Equal([3f, -4f, -4f, 3f, 2f, 9f, -1f, float.PositiveInfinity], div);
        Assert.Equal([1f, 1f, -1f, -1f, 1.5f, 0.099999986588954925537109375f, float.PositiveInfinity], mod[..7]);
        Assert.True(float.IsNaN(mod[7]));
    }

    [Fact]
    public void Power_maximum_minimum_special_cases()
    {
        float[] x = [2, -2, -8, float.NaN, 1];
        float[] y = [10, 3, 1f / 3, 1, float.NaN];
        var p = new float[5];
        Binary.Apply(BinaryKind.Power, x, y, p);
        Assert.Equal(1024f, p[0]);
        Assert.Equal(-8f, p[1]);
        Assert.True(float.IsNaN(p[2]));
        var m = new float[5];
        Binary.Apply(BinaryKind.Maximum, x, y, m);
        Assert.True(float.IsNaN(m[3]) && float.IsNaN(m[4]));
        Binary.Apply(BinaryKind.Minimum, x, y, m);
        Assert.Equal(-8f, m[2]);
        Assert.True(float.IsNaN(m[3]) && float.IsNaN(m[4]));
    }

    [Fact]
    public void Rejects_wrong_lengths_and_partial_overlap()
    {
        var e = Assert.Throws<ArgumentException>(() => Binary.Apply(BinaryKind.Add, new float[6], new Shape(2, 3), new float[3], new Shape(3), new float[5]));
        Assert.Contains("[2, 3]", e.Message);
        var buffer = new float[10];
        Assert.Throws<ArgumentException>(() => Binary.Apply(BinaryKind.Add, buffer.AsSpan(0, 8), buffer.AsSpan(0, 8), buffer.AsSpan(2, 8)));
    }
}
