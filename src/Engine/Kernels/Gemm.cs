namespace Parity.Engine.Kernels;

/// <summary>Single-precision general matrix multiply, row-major: C = alpha * op(A) * op(B) + beta * C.</summary>
/// <remarks>
/// Blocked and packed in the Goto/BLIS style (see <see cref="GemmDriver"/>) around a register-tiled micro-kernel
/// for the widest instruction set available: AVX-512F, AVX2 + FMA, or scalar.
/// </remarks>
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
        Multiply(GemmKernels.Best, parallel: true, m, n, k, a, lda, transposeA, b, ldb, transposeB, c, ldc, alpha, beta);
    }

    /// <summary>
    /// C = alpha * op(A) * B + beta * C with B packed beforehand by <see cref="PackB"/>; op(A) is m x B.K, C is m x B.N
    /// with row stride <paramref name="ldc"/>. Same results as the unpacked overload.
    /// </summary>
    public static void Multiply(
        int m, ReadOnlySpan<float> a, int lda, bool transposeA,
        PackedMatrix b, Span<float> c, int ldc,
        float alpha = 1f, float beta = 0f)
    {
        Multiply(parallel: true, m, a, lda, transposeA, b, c, ldc, alpha, beta);
    }

    /// <summary>Packs op(B) (k x n: B stored k x n, or n x k when <paramref name="transposeB"/>) for repeated use as a right-hand operand.</summary>
    public static PackedMatrix PackB(int k, int n, ReadOnlySpan<float> b, int ldb, bool transposeB) =>
        PackB(GemmKernels.Best, k, n, b, ldb, transposeB);

    internal static unsafe void Multiply(
        GemmKernelKind kind, bool parallel,
        int m, int n, int k,
        ReadOnlySpan<float> a, int lda, bool transposeA,
        ReadOnlySpan<float> b, int ldb, bool transposeB,
        Span<float> c, int ldc,
        float alpha, float beta)
    {
        RequireSizes(m, n, k);
        RequireMatrix("A", a.Length, transposeA ? k : m, transposeA ? m : k, lda);
        RequireMatrix("B", b.Length, transposeB ? n : k, transposeB ? k : n, ldb);
        RequireMatrix("C", c.Length, m, n, ldc);
        if (m == 0 || n == 0) return;
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            GemmDriver.Run(kind, m, n, k, pa, lda, transposeA, pb, ldb, transposeB, null, pc, ldc, alpha, beta, parallel);
        }
    }

    internal static unsafe void Multiply(
        bool parallel, int m, ReadOnlySpan<float> a, int lda, bool transposeA,
        PackedMatrix b, Span<float> c, int ldc, float alpha, float beta)
    {
        ArgumentNullException.ThrowIfNull(b);
        RequireSizes(m, b.N, b.K);
        RequireMatrix("A", a.Length, transposeA ? b.K : m, transposeA ? m : b.K, lda);
        RequireMatrix("C", c.Length, m, b.N, ldc);
        if (m == 0 || b.N == 0) return;
        fixed (float* pa = a)
        fixed (float* pc = c)
        {
            GemmDriver.Run(b.Kind, m, b.N, b.K, pa, lda, transposeA, null, 0, false, b, pc, ldc, alpha, beta, parallel);
        }
    }

    internal static unsafe PackedMatrix PackB(GemmKernelKind kind, int k, int n, ReadOnlySpan<float> b, int ldb, bool transposeB)
    {
        RequireSizes(1, n, k);
        RequireMatrix("B", b.Length, transposeB ? n : k, transposeB ? k : n, ldb);
        var packed = new PackedMatrix(kind, k, n);
        fixed (float* pb = b)
        {
            GemmDriver.Pack(pb, ldb, transposeB, packed);
        }
        return packed;
    }

    private static void RequireSizes(int m, int n, int k)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentException($"GEMM sizes must be non-negative; got m={m}, n={n}, k={k}.");
        }
    }

    // A matrix stored rows x cols with row stride ld needs ld >= cols and (rows - 1) * ld + cols elements.
    private static void RequireMatrix(string name, int length, int rows, int cols, int ld)
    {
        if (ld < Math.Max(1, cols))
        {
            throw new ArgumentException($"Leading dimension of {name} is {ld}; expected at least {Math.Max(1, cols)} (its stored row length).");
        }
        var needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < needed)
        {
            throw new ArgumentException($"{name} holds {length} floats; a {rows} x {cols} matrix with row stride {ld} needs {needed}.");
        }
    }
}
