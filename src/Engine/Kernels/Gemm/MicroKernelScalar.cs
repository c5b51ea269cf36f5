using System.Runtime.CompilerServices;

namespace Parity.Engine.Kernels;

/// <summary>Scalar 4x4 micro-kernel over packed panels; the fallback when no SIMD instruction set is enabled.</summary>
internal static unsafe class MicroKernelScalar
{
    public const int Mr = 4;
    public const int Nr = 4;

    /// <summary>C[0..4, 0..4] = alpha * Apanel * Bpanel + beta * C (C not read when beta is 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (var p = 0; p < kc; p++)
        {
            float b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            var x = a[0];
            c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
            x = a[1];
            c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
            x = a[2];
            c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
            x = a[3];
            c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
            a += Mr;
            b += Nr;
        }
        Store(c, alpha, beta, c00, c01, c02, c03);
        Store(c + ldc, alpha, beta, c10, c11, c12, c13);
        Store(c + 2 * ldc, alpha, beta, c20, c21, c22, c23);
        Store(c + 3 * ldc, alpha, beta, c30, c31, c32, c33);
    }

    private static void Store(float* c, float alpha, float beta, float v0, float v1, float v2, float v3)
    {
        if (beta == 0f)
        {
            c[0] = alpha * v0; c[1] = alpha * v1; c[2] = alpha * v2; c[3] = alpha * v3;
        }
        else
        {
            c[0] = alpha * v0 + beta * c[0];
            c[1] = alpha * v1 + beta * c[1];
            c[2] = alpha * v2 + beta * c[2];
            c[3] = alpha * v3 + beta * c[3];
        }
    }
}
