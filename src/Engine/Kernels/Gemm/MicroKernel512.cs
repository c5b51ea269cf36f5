using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Parity.Engine.Kernels;

/// <summary>AVX-512F 12x32 micro-kernel: 24 zmm accumulators, two B vectors and one broadcast A value per step of k.</summary>
internal static unsafe class MicroKernel512
{
    public const int Mr = 12;
    public const int Nr = 32;

    /// <summary>C[0..12, 0..32] = alpha * Apanel * Bpanel + beta * C (C not read when beta is 0); panels as packed by <see cref="GemmPacking"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        // The C tile is touched only after the k loop; start pulling its lines in now so the stores do not wait on memory.
        for (var r = 0; r < Mr; r++)
        {
            Sse.Prefetch0(c + r * ldc);
            Sse.Prefetch0(c + r * ldc + Nr - 1);
        }
        var c00 = Vector512<float>.Zero; var c01 = Vector512<float>.Zero;
        var c10 = Vector512<float>.Zero; var c11 = Vector512<float>.Zero;
        var c20 = Vector512<float>.Zero; var c21 = Vector512<float>.Zero;
        var c30 = Vector512<float>.Zero; var c31 = Vector512<float>.Zero;
        var c40 = Vector512<float>.Zero; var c41 = Vector512<float>.Zero;
        var c50 = Vector512<float>.Zero; var c51 = Vector512<float>.Zero;
        var c60 = Vector512<float>.Zero; var c61 = Vector512<float>.Zero;
        var c70 = Vector512<float>.Zero; var c71 = Vector512<float>.Zero;
        var c80 = Vector512<float>.Zero; var c81 = Vector512<float>.Zero;
        var c90 = Vector512<float>.Zero; var c91 = Vector512<float>.Zero;
        var c100 = Vector512<float>.Zero; var c101 = Vector512<float>.Zero;
        var c110 = Vector512<float>.Zero; var c111 = Vector512<float>.Zero;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Avx512F.LoadAlignedVector512(b);
            var b1 = Avx512F.LoadAlignedVector512(b + 16);
            var a0 = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00); c01 = Avx512F.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(a1, b0, c10); c11 = Avx512F.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(a2, b0, c20); c21 = Avx512F.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(a3, b0, c30); c31 = Avx512F.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(a4, b0, c40); c41 = Avx512F.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(a5, b0, c50); c51 = Avx512F.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(a6, b0, c60); c61 = Avx512F.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(a7, b0, c70); c71 = Avx512F.FusedMultiplyAdd(a7, b1, c71);
            var a8 = Vector512.Create(a[8]);
            c80 = Avx512F.FusedMultiplyAdd(a8, b0, c80); c81 = Avx512F.FusedMultiplyAdd(a8, b1, c81);
            var a9 = Vector512.Create(a[9]);
            c90 = Avx512F.FusedMultiplyAdd(a9, b0, c90); c91 = Avx512F.FusedMultiplyAdd(a9, b1, c91);
            var a10 = Vector512.Create(a[10]);
            c100 = Avx512F.FusedMultiplyAdd(a10, b0, c100); c101 = Avx512F.FusedMultiplyAdd(a10, b1, c101);
            var a11 = Vector512.Create(a[11]);
            c110 = Avx512F.FusedMultiplyAdd(a11, b0, c110); c111 = Avx512F.FusedMultiplyAdd(a11, b1, c111);
            a += Mr;
            b += Nr;
        }
        var alphaV = Vector512.Create(alpha);
        if (beta == 0f)
        {
            Vector512.Store(c00 * alphaV, c); Vector512.Store(c01 * alphaV, c + 16);
            Vector512.Store(c10 * alphaV, c + 1 * ldc); Vector512.Store(c11 * alphaV, c + 1 * ldc + 16);
            Vector512.Store(c20 * alphaV, c + 2 * ldc); Vector512.Store(c21 * alphaV, c + 2 * ldc + 16);
            Vector512.Store(c30 * alphaV, c + 3 * ldc); Vector512.Store(c31 * alphaV, c + 3 * ldc + 16);
            Vector512.Store(c40 * alphaV, c + 4 * ldc); Vector512.Store(c41 * alphaV, c + 4 * ldc + 16);
            Vector512.Store(c50 * alphaV, c + 5 * ldc); Vector512.Store(c51 * alphaV, c + 5 * ldc + 16);
            Vector512.Store(c60 * alphaV, c + 6 * ldc); Vector512.Store(c61 * alphaV, c + 6 * ldc + 16);
            Vector512.Store(c70 * alphaV, c + 7 * ldc); Vector512.Store(c71 * alphaV, c + 7 * ldc + 16);
            Vector512.Store(c80 * alphaV, c + 8 * ldc); Vector512.Store(c81 * alphaV, c + 8 * ldc + 16);
            Vector512.Store(c90 * alphaV, c + 9 * ldc); Vector512.Store(c91 * alphaV, c + 9 * ldc + 16);
            Vector512.Store(c100 * alphaV, c + 10 * ldc); Vector512.Store(c101 * alphaV, c + 10 * ldc + 16);
            Vector512.Store(c110 * alphaV, c + 11 * ldc); Vector512.Store(c111 * alphaV, c + 11 * ldc + 16);
        }
        else
        {
            var betaV = Vector512.Create(beta);
            Update(c, c00, alphaV, betaV);
            Update(c + 16, c01, alphaV, betaV);
            Update(c + 1 * ldc, c10, alphaV, betaV);
            Update(c + 1 * ldc + 16, c11, alphaV, betaV);
            Update(c + 2 * ldc, c20, alphaV, betaV);
            Update(c + 2 * ldc + 16, c21, alphaV, betaV);
            Update(c + 3 * ldc, c30, alphaV, betaV);
            Update(c + 3 * ldc + 16, c31, alphaV, betaV);
            Update(c + 4 * ldc, c40, alphaV, betaV);
            Update(c + 4 * ldc + 16, c41, alphaV, betaV);
            Update(c + 5 * ldc, c50, alphaV, betaV);
            Update(c + 5 * ldc + 16, c51, alphaV, betaV);
            Update(c + 6 * ldc, c60, alphaV, betaV);
            Update(c + 6 * ldc + 16, c61, alphaV, betaV);
            Update(c + 7 * ldc, c70, alphaV, betaV);
            Update(c + 7 * ldc + 16, c71, alphaV, betaV);
            Update(c + 8 * ldc, c80, alphaV, betaV);
            Update(c + 8 * ldc + 16, c81, alphaV, betaV);
            Update(c + 9 * ldc, c90, alphaV, betaV);
            Update(c + 9 * ldc + 16, c91, alphaV, betaV);
            Update(c + 10 * ldc, c100, alphaV, betaV);
            Update(c + 10 * ldc + 16, c101, alphaV, betaV);
            Update(c + 11 * ldc, c110, alphaV, betaV);
            Update(c + 11 * ldc + 16, c111, alphaV, betaV);
        }
    }

    /// <summary>
    /// Rows 0..4 of <see cref="Run"/>, for edge tiles of at most 4 rows (a batch-1 dense layer): 8 accumulators still
    /// cover the FMA latency, and the 8 zero-padded rows cost nothing. Steps through A's 12-wide packing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunFourRows(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        var c00 = Vector512<float>.Zero; var c01 = Vector512<float>.Zero;
        var c10 = Vector512<float>.Zero; var c11 = Vector512<float>.Zero;
        var c20 = Vector512<float>.Zero; var c21 = Vector512<float>.Zero;
        var c30 = Vector512<float>.Zero; var c31 = Vector512<float>.Zero;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Avx512F.LoadAlignedVector512(b);
            var b1 = Avx512F.LoadAlignedVector512(b + 16);
            var a0 = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00); c01 = Avx512F.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(a1, b0, c10); c11 = Avx512F.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(a2, b0, c20); c21 = Avx512F.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(a3, b0, c30); c31 = Avx512F.FusedMultiplyAdd(a3, b1, c31);
            a += Mr;
            b += Nr;
        }
        var alphaV = Vector512.Create(alpha);
        if (beta == 0f)
        {
            Vector512.Store(c00 * alphaV, c); Vector512.Store(c01 * alphaV, c + 16);
            Vector512.Store(c10 * alphaV, c + 1 * ldc); Vector512.Store(c11 * alphaV, c + 1 * ldc + 16);
            Vector512.Store(c20 * alphaV, c + 2 * ldc); Vector512.Store(c21 * alphaV, c + 2 * ldc + 16);
            Vector512.Store(c30 * alphaV, c + 3 * ldc); Vector512.Store(c31 * alphaV, c + 3 * ldc + 16);
        }
        else
        {
            var betaV = Vector512.Create(beta);
            Update(c, c00, alphaV, betaV);
            Update(c + 16, c01, alphaV, betaV);
            Update(c + 1 * ldc, c10, alphaV, betaV);
            Update(c + 1 * ldc + 16, c11, alphaV, betaV);
            Update(c + 2 * ldc, c20, alphaV, betaV);
            Update(c + 2 * ldc + 16, c21, alphaV, betaV);
            Update(c + 3 * ldc, c30, alphaV, betaV);
            Update(c + 3 * ldc + 16, c31, alphaV, betaV);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(float* c, Vector512<float> acc, Vector512<float> alpha, Vector512<float> beta) =>
        Vector512.Store(Avx512F.FusedMultiplyAdd(acc, alpha, Vector512.Load(c) * beta), c);
}
