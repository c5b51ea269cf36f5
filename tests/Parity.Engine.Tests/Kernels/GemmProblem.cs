using FsCheck;
using FsCheck.Fluent;
using Parity.Engine.Kernels;

namespace Parity.Engine.Tests.Kernels;

/// <summary>
/// One generated GEMM call: sizes, transposes, leading dimensions with slack, alpha/beta and the seed of its data.
/// The data is derived from the seed so FsCheck shrinks the sizes and flags, not thousands of floats.
/// </summary>
public sealed record GemmProblem(
    int M, int N, int K, bool TransposeA, bool TransposeB,
    int PadA, int PadB, int PadC, float Alpha, float Beta, int Seed)
{
    public int Lda => (TransposeA ? M : K) + PadA;

    public int Ldb => (TransposeB ? K : N) + PadB;

    public int Ldc => N + PadC;

    public float[] A() => Random(Seed, (TransposeA ? K : M) * Lda);

    public float[] B() => Random(Seed + 1, (TransposeB ? N : K) * Ldb);

    /// <summary>C before the call; when beta is 0 it is all NaN, which must not reach the result.</summary>
    public float[] C() => Beta == 0f ? Enumerable.Repeat(float.NaN, M * Ldc).ToArray() : Random(Seed + 2, M * Ldc);

    /// <summary>Sizes 1..100 (1 and non-multiples of the 4/16/32-wide tiles included), slack 0..3 on each leading dimension.</summary>
    public static Gen<GemmProblem> Generator =>
        from m in Size
        from n in Size
        from k in Size
        from ta in Gen.Elements(false, true)
        from tb in Gen.Elements(false, true)
        from pads in Gen.Three(Gen.Choose(0, 3))
        from alpha in Gen.Elements(1f, -0.5f, 2.25f)
        from beta in Gen.Elements(0f, 1f, -1.5f)
        from seed in Gen.Choose(0, 1_000_000)
        select new GemmProblem(m, n, k, ta, tb, pads.Item1, pads.Item2, pads.Item3, alpha, beta, seed);

    public static Arbitrary<GemmProblem> Arbitrary() => Generator.ToArbitrary();

    private static Gen<int> Size => Gen.Frequency((1, Gen.Constant(1)), (1, Gen.Choose(2, 17)), (3, Gen.Choose(1, 100)));

    public static float[] Random(int seed, int count)
    {
        var random = new Random(seed);
        var data = new float[count];
        for (var i = 0; i < count; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return data;
    }

    public override string ToString() =>
        $"m={M} n={N} k={K} tA={TransposeA} tB={TransposeB} lda={Lda} ldb={Ldb} ldc={Ldc} alpha={Alpha} beta={Beta} seed={Seed}";
}

/// <summary>
/// Compares a GEMM result with the double-accumulated reference under the classic dot-product error bound:
/// |computed - exact| &lt;= (k + 4) * 2^-23 * (|alpha| * sum_p |a_ip * b_pj| + |beta * c_ij|), i.e. gamma_k with
/// a factor-2 margin for the alpha scaling, the beta update and the reference's own final rounding.
/// </summary>
public static class GemmAssert
{
    public static void MatchesReference(GemmProblem p, float[] a, float[] b, float[] cBefore, float[] actual)
    {
        var expected = (float[])cBefore.Clone();
        Parity.Engine.Kernels.Reference.Gemm.Multiply(p.M, p.N, p.K, a, p.Lda, p.TransposeA, b, p.Ldb, p.TransposeB, expected, p.Ldc, p.Alpha, p.Beta);
        WithinBound(p, a, b, cBefore, expected, actual);
    }

    /// <summary>Checks <paramref name="actual"/> against a reference result <paramref name="expected"/> of the same call.</summary>
    public static void WithinBound(GemmProblem p, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> cBefore, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        for (var i = 0; i < p.M; i++)
        {
            for (var j = 0; j < p.Ldc; j++)
            {
                var index = i * p.Ldc + j;
                if (j >= p.N)
                {
                    // Slack between rows of C belongs to the caller.
                    Assert.True(cBefore[index].Equals(actual[index]), $"{p}: C[{i},{j}] lies outside the matrix but was written.");
                    continue;
                }
                double magnitude = 0;
                for (var q = 0; q < p.K; q++)
                {
                    var av = p.TransposeA ? a[q * p.Lda + i] : a[i * p.Lda + q];
                    var bv = p.TransposeB ? b[j * p.Ldb + q] : b[q * p.Ldb + j];
                    magnitude += Math.Abs((double)av * bv);
                }
                var prior = p.Beta == 0f ? 0 : Math.Abs((double)p.Beta * cBefore[index]);
                var bound = (p.K + 4) * Math.Pow(2, -23) * (Math.Abs(p.Alpha) * magnitude + prior) + float.Epsilon;
                var error = Math.Abs((double)actual[index] - expected[index]);
                Assert.True(error <= bound, $"{p}: C[{i},{j}] = {actual[index]}, reference {expected[index]}, |diff| {error:G3} > bound {bound:G3}.");
            }
        }
    }
}
