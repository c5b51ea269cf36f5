using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Parity.Engine.Kernels;

/// <summary>AVX2 + FMA 6x16 micro-kernel: 12 ymm accumulators, two B vectors and one broadcast A value per step of k.</summary>
internal static unsafe class MicroKernel256
{
    public const int Mr = 6;
    public const int Nr = 16;

    /// <summary>C[0..6, 0..16] = alpha * Apanel * Bpanel + beta * C (C not read when beta is 0); panels as packed by <see cref="GemmPacking"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        // The C tile is touched only after the k loop; start pulling its lines in now so the stores do not wait on memory.
        for (var r = 0; r < Mr; r++)
        {
            Sse.Prefetch0(c + r * ldc);
            Sse.Prefetch0(c + r * ldc + Nr - 1);
        }
        var c00 = Vector256<float>.Zero; var c01 = Vector256<float>.Zero;
        var c10 = Vector256<float>.Zero; var c11 = Vector256<float>.Zero;
        var c20 = Vector256<float>.Zero; var c21 = Vector256<float>.Zero;
        var c30 = Vector256<float>.Zero; var c31 = Vector256<float>.Zero;
        var c40 = Vector256<float>.Zero; var c41 = Vector256<float>.Zero;
        var c50 = Vector256<float>.Zero; var c51 = Vector256<float>.Zero;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Avx.LoadAlignedVector256(b);
            var b1 = Avx.LoadAlignedVector256(b + 8);
            var a0 = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(a0, b0, c00); c01 = Fma.MultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(a1, b0, c10); c11 = Fma.MultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(a2, b0, c20); c21 = Fma.MultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(a3, b0, c30); c31 = Fma.MultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(a4, b0, c40); c41 = Fma.MultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(a5, b0, c50); c51 = Fma.MultiplyAdd(a5, b1, c51);
            a += Mr;
            b += Nr;
        }
        var alphaV = Vector256.Create(alpha);
        if (beta == 0f)
        {
            Vector256.Store(c00 * alphaV, c); Vector256.Store(c01 * alphaV, c + 8);
            Vector256.Store(c10 * alphaV, c + 1 * ldc); Vector256.Store(c11 * alphaV, c + 1 * ldc + 8);
            Vector256.Store(c20 * alphaV, c + 2 * ldc); Vector256.Store(c21 * alphaV, c + 2 * ldc + 8);
            Vector256.Store(c30 * alphaV, c + 3 * ldc); Vector256.Store(c31 * alphaV, c + 3 * ldc + 8);
            Vector256.Store(c40 * alphaV, c + 4 * ldc); Vector256.Store(c41 * alphaV, c + 4 * ldc + 8);
            Vector256.Store(c50 * alphaV, c + 5 * ldc); Vector256.Store(c51 * alphaV, c + 5 * ldc + 8);
        }
        else
        {
            var betaV = Vector256.Create(beta);
            Update(c, c00, alphaV, betaV);
            Update(c + 8, c01, alphaV, betaV);
            Update(c + 1 * ldc, c10, alphaV, betaV);
            Update(c + 1 * ldc + 8, c11, alphaV, betaV);
            Update(c + 2 * ldc, c20, alphaV, betaV);
            Update(c + 2 * ldc + 8, c21, alphaV, betaV);
            Update(c + 3 * ldc, c30, alphaV, betaV);
            Update(c + 3 * ldc + 8, c31, alphaV, betaV);
            Update(c + 4 * ldc, c40, alphaV, betaV);
            Update(c + 4 * ldc + 8, c41, alphaV, betaV);
            Update(c + 5 * ldc, c50, alphaV, betaV);
            Update(c + 5 * ldc + 8, c51, alphaV, betaV);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(float* c, Vector256<float> acc, Vector256<float> alpha, Vector256<float> beta) =>
        Vector256.Store(Fma.MultiplyAdd(acc, alpha, Vector256.Load(c) * beta), c);
}
