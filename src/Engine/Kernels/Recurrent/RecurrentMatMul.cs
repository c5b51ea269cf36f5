using System.Numerics.Tensors;

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

    // Row-by-row axpy: y[start..end) += h[k] * u[k, start..end). y stays in L1 while u streams once.
    private static void Gemv(int start, int end, int units, ReadOnlySpan<float> h, ReadOnlySpan<float> u, int ldu, Span<float> y)
    {
        var width = end - start;
        var target = y.Slice(start, width);
        for (var k = 0; k < units; k++)
        {
            var hk = h[k];
            TensorPrimitives.MultiplyAdd(u.Slice(k * ldu + start, width), hk, target, target);
        }
    }
}
