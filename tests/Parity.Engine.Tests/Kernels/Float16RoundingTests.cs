using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Reference = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

public class Float16RoundingTests
{
    public static TheoryData<float, float> SpecialValues => new()
    {
        { 1f, 1f },
        { -0f, -0f },
        { float.PositiveInfinity, float.PositiveInfinity },
        { float.NegativeInfinity, float.NegativeInfinity },
        // Largest finite half: (2 - 2^-10) * 2^15 = 65504.
        { 65504f, 65504f },
        // 65519 is below the midpoint 65520 between 65504 and 2^16, so it rounds down.
        { 65519f, 65504f },
        // 65520 is that midpoint: the tie goes to the even neighbour, 2^16, which overflows to infinity.
        { 65520f, float.PositiveInfinity },
        { -65520f, float.NegativeInfinity },
        // Smallest half subnormal 2^-24 is exact.
        { MathF.Pow(2, -24), MathF.Pow(2, -24) },
        // 2^-25 is halfway between 0 and 2^-24: ties to even gives 0.
        { MathF.Pow(2, -25), 0f },
        { -MathF.Pow(2, -25), -0f },
        // 3 * 2^-26 = 0.75 * 2^-24 is nearer 2^-24 than 0.
        { 3 * MathF.Pow(2, -26), MathF.Pow(2, -24) },
        // Half subnormals step by 2^-24: 5.5 * 2^-24 ties to the even multiple 6 * 2^-24.
        { 5.5f * MathF.Pow(2, -24), 6 * MathF.Pow(2, -24) },
        // 1 + 2^-11 is halfway between 1 and 1 + 2^-10 (mantissa 1, odd): rounds to 1.
        { 1 + MathF.Pow(2, -11), 1f },
        // 1 + 3 * 2^-11 is halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even): rounds up.
        { 1 + 3 * MathF.Pow(2, -11), 1 + MathF.Pow(2, -9) },
        // 0.1 = 1.6 * 2^-4; 0.6 * 1024 = 614.4 -> 614: (1024 + 614) / 1024 * 2^-4 = 0.0999755859375.
        { 0.1f, 0.0999755859375f },
    };

    [Theory]
    [MemberData(nameof(SpecialValues))]
    public void Rounds_special_values_as_IEEE_half(float input, float expected)
    {
        foreach (var round in new Action<float[], float[]>[] { (s, d) => Float16Rounding.Round(s, d), (s, d) => Reference.Float16Rounding.Round(s, d) })
        {
            var output = new float[1];
            round([input], output);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(output[0]));
        }
    }

    [Fact]
    public void NaN_stays_NaN()
    {
        var output = new float[2];
        Float16Rounding.Round([float.NaN, -float.NaN], output);
        Assert.All(output, v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void Matches_the_reference_for_every_length_up_to_64_and_in_place()
    {
        var random = new Random(1234);
        var specials = new[] { float.NaN, float.PositiveInfinity, 65520f, MathF.Pow(2, -25), -0f, 1e-8f, 70000f };
        for (var n = 0; n <= 64; n++)
        {
            var source = Enumerable.Range(0, n)
                .Select(i => i % 5 == 4 ? specials[random.Next(specials.Length)] : (float)((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-30, 20))))
                .ToArray();
            var expected = new float[n];
            Reference.Float16Rounding.Round(source, expected);

            var actual = new float[n];
            Float16Rounding.Round(source, actual);
            AssertSameBits(expected, actual);

            Float16Rounding.RoundInPlace(source);
            AssertSameBits(expected, source);
        }
    }

    [Fact]
    public void Lengths_past_the_internal_chunk_are_rounded_too()
    {
        var source = Enumerable.Range(0, 1500).Select(i => 2048f + i).ToArray();
        var expected = new float[source.Length];
        var actual = new float[source.Length];
        Reference.Float16Rounding.Round(source, expected);
        Float16Rounding.Round(source, actual);
        AssertSameBits(expected, actual);
    }

    [Fact]
    public void Matches_the_reference_at_every_rounding_boundary_of_the_half_range()
    {
        // For each pair of neighbouring finite halves, their midpoint (exact in float32: at most 12 significant
        // bits) and the floats one ulp either side of it, plus the halves themselves, both signs; then the
        // largest half's neighbourhood where rounding overflows.
        var values = new List<float>();
        for (ushort k = 0; k < 0x7BFF; k++)
        {
            var low = (float)BitConverter.UInt16BitsToHalf(k);
            var high = (float)BitConverter.UInt16BitsToHalf((ushort)(k + 1));
            var mid = (low + high) / 2;
            foreach (var v in new[] { low, mid, MathF.BitDecrement(mid), MathF.BitIncrement(mid) })
            {
                values.Add(v);
                values.Add(-v);
            }
        }
        values.AddRange([65504f, 65520f, MathF.BitDecrement(65520f), MathF.BitIncrement(65520f), float.MaxValue, float.Epsilon]);
        var source = values.ToArray();
        var expected = new float[source.Length];
        var actual = new float[source.Length];
        Reference.Float16Rounding.Round(source, expected);
        Float16Rounding.Round(source, actual);
        AssertSameBits(expected, actual);
    }

    [Property(MaxTest = 200)]
    public void Matches_the_reference_on_any_bit_pattern(uint[] bits)
    {
        var source = bits.Select(BitConverter.UInt32BitsToSingle).ToArray();
        var expected = new float[source.Length];
        var actual = new float[source.Length];
        Reference.Float16Rounding.Round(source, expected);
        Float16Rounding.Round(source, actual);
        AssertSameBits(expected, actual);
    }

    [Fact]
    public void Short_destination_is_a_bad_argument()
    {
        Assert.Throws<ArgumentException>(() => Float16Rounding.Round(new float[3], new float[2]));
    }

    /// <summary>Equal bit patterns (so -0 differs from +0), except that any NaN matches any NaN.</summary>
    private static void AssertSameBits(float[] expected, float[] actual)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            if (float.IsNaN(expected[i]) && float.IsNaN(actual[i])) continue;
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"Element {i} of {expected.Length}: expected {expected[i]:R}, got {actual[i]:R}.");
        }
    }
}
