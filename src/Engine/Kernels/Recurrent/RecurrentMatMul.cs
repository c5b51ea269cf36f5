using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Recurrent;

/// <summary>The two products every recurrent pass needs: all input projections at once, and h_{t-1} times U per step.</summary>
internal static class RecurrentMatMul
{
    // Below this many multiply-adds per worker a step's GEMV stays on one thread: a Parallel.For costs a few microseconds.
    private const int MinMultiplyAddsPerThread = 32 * 1024;

    /// <summary>projection[r, :] = input[r, :] * kernel + bias for all rows r = batch * time (one GEMM, then a bias pass).</summary>
    public static void ProjectInputs(int rows, int features, int width, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Span<float> projection)
    {
        Gemm.Multiply(rows, width, features, input, features, false, kernel, width, false, projection, width);
        if (bias.IsEmpty) return;
        for (var r = 0; r < rows; r++)
        {
            var row = projection.Slice(r * width, width);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    /// <summary>
    /// c[b, j] = beta * c[b, j] + sum_k h[b, k] * u[k, j] for j &lt; n, with u's rows <paramref name="ldu"/> apart and c's
    /// rows <paramref name="ldc"/> apart. Batch 1 takes a vectorized GEMV split over columns; larger batches a GEMM.
    /// </summary>
    public static void HiddenTimesRecurrent(int batch, int units, int n, ReadOnlySpan<float> h, ReadOnlySpan<float> u, int ldu, Span<float> c, int ldc, bool accumulate)
    {
        if (batch > 1)
        {
            Gemm.Multiply(batch, n, units, h, units, false, u, ldu, false, c, ldc, 1f, accumulate ? 1f : 0f);
            return;
        }
        if (!accumulate) c[..n].Clear();
        var minColumns = Math.Max(16, MinMultiplyAddsPerThread / units);
        if (n < 2 * minColumns || Parallelism.MaxThreads == 1)
        {
            Gemv(0, n, units, h, u, ldu, c);
            return;
        }
        unsafe
        {
            fixed (float* hp = h, up = u, cp = c)
            {
                nint hAddress = (nint)hp, uAddress = (nint)up, cAddress = (nint)cp;
                int hLength = h.Length, uLength = u.Length, cLength = c.Length;
                Parallelism.For(n, minColumns, (start, end) => Gemv(
                    start, end, units,
                    new ReadOnlySpan<float>((float*)hAddress, hLength),
                    new ReadOnlySpan<float>((float*)uAddress, uLength), ldu,
                    new Span<float>((float*)cAddress, cLength)));
            }
        }
    }

    // y[start..end) += h * u[:, start..end). Each block of columns keeps its sums in registers for the whole k loop, so
    // u streams through once and y is loaded and stored once per call (a row-by-row axpy would re-read y for every k).
    private static void Gemv(int start, int end, int units, ReadOnlySpan<float> h, ReadOnlySpan<float> u, int ldu, Span<float> y)
    {
        ref var u0 = ref MemoryMarshal.GetReference(u);
        ref var y0 = ref MemoryMarshal.GetReference(y);
        var j = start;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 64 <= end; j += 64)
            {
                ref var yj = ref Unsafe.Add(ref y0, j);
                Vector512<float> a0 = Vector512.LoadUnsafe(ref yj), a1 = Vector512.LoadUnsafe(ref yj, 16);
                Vector512<float> a2 = Vector512.LoadUnsafe(ref yj, 32), a3 = Vector512.LoadUnsafe(ref yj, 48);
                for (var k = 0; k < units; k++)
                {
                    var hk = Vector512.Create(h[k]);
                    ref var row = ref Unsafe.Add(ref u0, k * ldu + j);
                    a0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref row), hk, a0);
                    a1 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref row, 16), hk, a1);
                    a2 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref row, 32), hk, a2);
                    a3 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref row, 48), hk, a3);
                }
                a0.StoreUnsafe(ref yj);
                a1.StoreUnsafe(ref yj, 16);
                a2.StoreUnsafe(ref yj, 32);
                a3.StoreUnsafe(ref yj, 48);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 32 <= end; j += 32)
            {
                ref var yj = ref Unsafe.Add(ref y0, j);
                Vector256<float> a0 = Vector256.LoadUnsafe(ref yj), a1 = Vector256.LoadUnsafe(ref yj, 8);
                Vector256<float> a2 = Vector256.LoadUnsafe(ref yj, 16), a3 = Vector256.LoadUnsafe(ref yj, 24);
                for (var k = 0; k < units; k++)
                {
                    var hk = Vector256.Create(h[k]);
                    ref var row = ref Unsafe.Add(ref u0, k * ldu + j);
                    a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row), hk, a0);
                    a1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 8), hk, a1);
                    a2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 16), hk, a2);
                    a3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 24), hk, a3);
                }
                a0.StoreUnsafe(ref yj);
                a1.StoreUnsafe(ref yj, 8);
                a2.StoreUnsafe(ref yj, 16);
                a3.StoreUnsafe(ref yj, 24);
            }
        }
        // Leftover columns (fewer than one register block, or no SIMD): a row-by-row axpy over the remainder.
        if (j < end)
        {
            var target = y[j..end];
            for (var k = 0; k < units; k++) TensorPrimitives.MultiplyAdd(u.Slice(k * ldu + j, end - j), h[k], target, target);
        }
    }
}
