namespace Parity.Engine.Kernels;

/// <summary>Single-precision general matrix multiply, row-major: C = alpha * op(A) * op(B) + beta * C.</summary>
public static class Gemm
{
    /// <summary>
    /// op(A) is m x k (A stored m x k with row stride <paramref name="lda"/>, or k x m when <paramref name="transposeA"/>);
    /// op(B) is k x n (B stored k x n, or n x k when <paramref name="transposeB"/>); C is m x n with row stride <paramref name="ldc"/>.
    /// When beta is 0, C is not read (NaNs in it do not propagate).
    /// </summary>
    public static void Multiply(
        int m, int n, int k,
        ReadOnlySpan<float> a, int lda, bool transposeA,
        ReadOnlySpan<float> b, int ldb, bool transposeB,
        Span<float> c, int ldc,
        float alpha = 1f, float beta = 0f)
    {
        Reference.Gemm.Multiply(m, n, k, a, lda, transposeA, b, ldb, transposeB, c, ldc, alpha, beta);
    }
}
