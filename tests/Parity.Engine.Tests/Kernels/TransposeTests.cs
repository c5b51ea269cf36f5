using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

public class TransposeTests
{
    /// <summary>A shape of rank 1..5 with dims 1..6 and a permutation of its axes.</summary>
    public sealed record Problem(int[] Shape, int[] Perm)
    {
        public override string ToString() => $"shape [{string.Join(", ", Shape)}] perm [{string.Join(", ", Perm)}]";
    }

    public static class Arbitraries
    {
        public static Arbitrary<Problem> Problems() =>
            (from rank in Gen.Choose(1, 5)
             from shape in Gen.ArrayOf(Gen.Choose(1, 6), rank)
             from perm in Gen.Shuffle(Enumerable.Range(0, rank).ToArray())
             select new Problem(shape, perm)).ToArbitrary();
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void Optimized_equals_reference_for_every_element_width(Problem p)
    {
        Check<float>(p, i => i + 0.5f);
        Check<Half>(p, i => (Half)i);
        Check<long>(p, i => i * 1_000_000_007L);
        Check<byte>(p, i => (byte)i);
    }

    [Theory]
    [InlineData(new[] { 2, 45, 47, 17 }, new[] { 0, 3, 1, 2 })]
    [InlineData(new[] { 2, 17, 45, 47 }, new[] { 0, 2, 3, 1 })]
    [InlineData(new[] { 301, 257 }, new[] { 1, 0 })]
    [InlineData(new[] { 3, 100, 7, 50 }, new[] { 2, 1, 0, 3 })]
    public void Large_layout_changes_match_reference(int[] shape, int[] perm)
    {
        // Big enough to take the multi-threaded, tiled path (NHWC->NCHW, NCHW->NHWC, 2-D, a kept inner axis).
        Check<float>(new Problem(shape, perm), i => i);
    }

    [Theory]
    [InlineData(new[] { 16, 16 }, new[] { 1, 0 })]
    [InlineData(new[] { 17, 33 }, new[] { 1, 0 })]
    [InlineData(new[] { 40, 24 }, new[] { 1, 0 })]
    [InlineData(new[] { 3, 16, 24 }, new[] { 0, 2, 1 })]
    [InlineData(new[] { 2, 20, 3, 35 }, new[] { 0, 3, 2, 1 })]
    [InlineData(new[] { 5, 31, 16 }, new[] { 2, 0, 1 })]
    public void Register_blocked_sizes_match_reference_for_4_and_other_byte_widths(int[] shape, int[] perm)
    {
        // Sizes around and across the 8x8 register block and the 16x16 tile, with full and partial tiles.
        var p = new Problem(shape, perm);
        Check<float>(p, i => i + 0.25f);
        Check<int>(p, i => -i);
        Check<Half>(p, i => (Half)(i % 2048));
        Check<long>(p, i => i);
    }

    [Fact]
    public void Transposes_a_2x3_matrix()
    {
        // [[1,2,3],[4,5,6]]^T = [[1,4],[2,5],[3,6]]
        float[] input = [1, 2, 3, 4, 5, 6];
        var output = new float[6];
        Transpose.Run<float>(input, [2, 3], [1, 0], output);
        Assert.Equal([1f, 4, 2, 5, 3, 6], output);
        Ref.Transpose.Run<float>(input, [2, 3], [1, 0], output);
        Assert.Equal([1f, 4, 2, 5, 3, 6], output);
    }

    [Fact]
    public void Nhwc_to_nchw_by_hand()
    {
        // NHWC [1, 1, 2, 3]: pixel 0 = (1,2,3), pixel 1 = (4,5,6); NCHW puts each channel's pixels together: 1,4 | 2,5 | 3,6.
        float[] input = [1, 2, 3, 4, 5, 6];
        var output = new float[6];
        Transpose.Run<float>(input, [1, 1, 2, 3], [0, 3, 1, 2], output);
        Assert.Equal([1f, 4, 2, 5, 3, 6], output);
        Assert.Equal(new Parity.Engine.Tensors.Shape(1, 3, 1, 2), Transpose.OutputShape(new Parity.Engine.Tensors.Shape(1, 1, 2, 3), [0, 3, 1, 2]));
    }

    [Fact]
    public void Rejects_a_non_permutation_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => Transpose.Run<float>(new float[6], [2, 3], [1, 1], new float[6]));
        Assert.Contains("[1, 1]", e.Message);
        Assert.Contains("[2, 3]", e.Message);
    }

    private static void Check<T>(Problem p, Func<int, T> value) where T : unmanaged, IEquatable<T>
    {
        var count = p.Shape.Aggregate(1, (a, b) => a * b);
        var input = Enumerable.Range(0, count).Select(value).ToArray();
        var expected = new T[count];
        var actual = new T[count];
        Ref.Transpose.Run<T>(input, p.Shape, p.Perm, expected);
        Transpose.Run<T>(input, p.Shape, p.Perm, actual);
        Assert.Equal(expected, actual);
    }
}
