using FsCheck.Xunit;
using Parity.Engine.Kernels;

namespace Parity.Engine.Tests.Kernels;

public class GemmTests
{
    /// <summary>Every micro-kernel this CPU can run, so one test run covers the scalar, AVX2 and AVX-512 paths.</summary>
    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string>();
        foreach (var kind in Enum.GetValues<GemmKernelKind>().Where(GemmKernels.IsSupported)) data.Add(kind.ToString());
        return data;
    }

    private static IEnumerable<GemmKernelKind> SupportedKernels => Enum.GetValues<GemmKernelKind>().Where(GemmKernels.IsSupported);

    [Fact]
    public void Reference_multiplies_a_2x3_by_a_3x2_matrix()
    {
        float[] a = [1, 2, 3, 4, 5, 6];
        float[] b = [7, 8, 9, 10, 11, 12];
        var c = new float[4];
        Parity.Engine.Kernels.Reference.Gemm.Multiply(2, 2, 3, a, 3, false, b, 2, false, c, 2);
        // [1 2 3; 4 5 6] x [7 8; 9 10; 11 12]:
        // 1*7 + 2*9 + 3*11 = 58, 1*8 + 2*10 + 3*12 = 64, 4*7 + 5*9 + 6*11 = 139, 4*8 + 5*10 + 6*12 = 154.
        Assert.Equal([58f, 64, 139, 154], c);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Multiplies_a_2x3_by_a_3x2_matrix_with_alpha_and_beta(string kernel)
    {
        var kind = Enum.Parse<GemmKernelKind>(kernel);
        float[] a = [1, 2, 3, 4, 5, 6];
        // B stored transposed (2 x 3): rows are the columns [7 9 11] and [8 10 12].
        float[] bt = [7, 9, 11, 8, 10, 12];
        float[] c = [1, 1, 1, 1];
        Gemm.Multiply(kind, parallel: false, 2, 2, 3, a, 3, false, bt, 3, true, c, 2, alpha: 2f, beta: -1f);
        // 2 * [58 64; 139 154] - 1 = [115 127; 277 307].
        Assert.Equal([115f, 127, 277, 307], c);
    }

    [Property(Arbitrary = [typeof(GemmProblem)], MaxTest = 100)]
    public void Optimized_matches_reference_on_every_kernel(GemmProblem problem)
    {
        foreach (var kind in SupportedKernels) Check(problem, kind, packed: false, parallel: false);
    }

    [Property(Arbitrary = [typeof(GemmProblem)], MaxTest = 50)]
    public void Prepacked_B_matches_reference_on_every_kernel(GemmProblem problem)
    {
        foreach (var kind in SupportedKernels) Check(problem, kind, packed: true, parallel: false);
    }

    [Theory]
    [InlineData(300, 257, 513, false, false)]
    [InlineData(300, 257, 513, true, true)]
    [InlineData(1, 1000, 9000, false, false)]
    [InlineData(20, 600, 800, true, false)]
    [InlineData(777, 33, 27, false, true)]
    [InlineData(200, 2100, 20, true, false)]
    public void Large_problems_cross_every_blocking_boundary(int m, int n, int k, bool transposeA, bool transposeB)
    {
        foreach (var packed in new[] { false, true })
        {
            var problem = new GemmProblem(m, n, k, transposeA, transposeB, 3, 1, 2, 1.5f, 0.5f, m + n + k);
            Check(problem, GemmKernels.Best, packed, parallel: true);
        }
    }

    [Fact]
    public void Zero_depth_scales_C_by_beta()
    {
        float[] c = [1, 2, 3, float.NaN, 4, 5, 6, float.NaN];
        Gemm.Multiply(2, 3, 0, [], 1, false, [], 3, false, c, 4, beta: 2f);
        Assert.Equal([2f, 4, 6, float.NaN, 8, 10, 12, float.NaN], c);
        Gemm.Multiply(2, 3, 0, [], 1, false, [], 3, false, c, 4);
        Assert.Equal([0f, 0, 0, float.NaN, 0, 0, 0, float.NaN], c);
    }

    [Fact]
    public void Rejects_short_operands_and_leading_dimensions_below_the_row_length()
    {
        var error = Assert.Throws<ArgumentException>(() => Gemm.Multiply(2, 2, 3, new float[5], 3, false, new float[6], 2, false, new float[4], 2));
        Assert.Contains("A holds 5 floats", error.Message);
        error = Assert.Throws<ArgumentException>(() => Gemm.Multiply(2, 2, 3, new float[6], 3, false, new float[6], 1, false, new float[4], 2));
        Assert.Contains("Leading dimension of B is 1", error.Message);
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(-1, 2, 3, new float[6], 3, false, new float[6], 2, false, new float[4], 2));
    }

    private static void Check(GemmProblem p, GemmKernelKind kind, bool packed, bool parallel)
    {
        float[] a = p.A(), b = p.B(), before = p.C();
        var c = (float[])before.Clone();
        if (packed)
        {
            var pb = Gemm.PackB(kind, p.K, p.N, b, p.Ldb, p.TransposeB);
            Gemm.Multiply(parallel, p.M, a, p.Lda, p.TransposeA, pb, c, p.Ldc, p.Alpha, p.Beta);
        }
        else
        {
            Gemm.Multiply(kind, parallel, p.M, p.N, p.K, a, p.Lda, p.TransposeA, b, p.Ldb, p.TransposeB, c, p.Ldc, p.Alpha, p.Beta);
        }
        GemmAssert.MatchesReference(p, a, b, before, c);
    }
}
