using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>
/// Applies an <see cref="IUnaryOperator"/> over a span with the widest accelerated vector that fits
/// (512, then 256, then 128 bits, then scalar for spans shorter than a 128-bit vector).
/// </summary>
internal static class UnaryDriver
{
    /// <summary>y[i] = op(x[i]); <paramref name="y"/> may be <paramref name="x"/> itself but must not partially overlap it.</summary>
    public static void Map<TOp>(TOp op, ReadOnlySpan<float> x, Span<float> y) where TOp : struct, IUnaryOperator
    {
        SpanChecks.SameLength(x.Length, y.Length, nameof(y));
        SpanChecks.NoPartialOverlap(x, y, nameof(y));
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        var n = (nuint)x.Length;

        // The tail is one full vector ending at n that overlaps the last loop vector. It is computed before
        // the loop so that in-place use still reads the original values.
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            var w = (nuint)Vector512<float>.Count;
            var lastStart = n - w;
            var last = op.Invoke(Vector512.LoadUnsafe(ref xs, lastStart));
            for (nuint i = 0; i < lastStart; i += w) op.Invoke(Vector512.LoadUnsafe(ref xs, i)).StoreUnsafe(ref ys, i);
            last.StoreUnsafe(ref ys, lastStart);
            return;
        }
        if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<float>.Count)
        {
            var w = (nuint)Vector256<float>.Count;
            var lastStart = n - w;
            var last = op.Invoke(Vector256.LoadUnsafe(ref xs, lastStart));
            for (nuint i = 0; i < lastStart; i += w) op.Invoke(Vector256.LoadUnsafe(ref xs, i)).StoreUnsafe(ref ys, i);
            last.StoreUnsafe(ref ys, lastStart);
            return;
        }
        if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<float>.Count)
        {
            var w = (nuint)Vector128<float>.Count;
            var lastStart = n - w;
            var last = op.Invoke(Vector128.LoadUnsafe(ref xs, lastStart));
            for (nuint i = 0; i < lastStart; i += w) op.Invoke(Vector128.LoadUnsafe(ref xs, i)).StoreUnsafe(ref ys, i);
            last.StoreUnsafe(ref ys, lastStart);
            return;
        }
        for (var i = 0; i < x.Length; i++) y[i] = op.Invoke(x[i]);
    }

    // Below this many elements per thread, splitting costs more than it saves.
    private const int MinElementsPerThread = 1 << 15;

    /// <summary><see cref="Map"/> split over threads when the span is long.</summary>
    public static unsafe void MapParallel<TOp>(TOp op, ReadOnlySpan<float> x, Span<float> y) where TOp : struct, IUnaryOperator
    {
        if (x.Length < 2 * MinElementsPerThread || Parallelism.MaxThreads == 1)
        {
            Map(op, x, y);
            return;
        }
        SpanChecks.SameLength(x.Length, y.Length, nameof(y));
        SpanChecks.NoPartialOverlap(x, y, nameof(y));
        fixed (float* px = x, py = y)
        {
            // Spans cannot enter a lambda; the pinned addresses can, and the pin lasts until For returns.
            nint ax = (nint)px, ay = (nint)py;
            Parallelism.For(x.Length, MinElementsPerThread, (start, end) =>
                Map(op, new ReadOnlySpan<float>((float*)ax + start, end - start), new Span<float>((float*)ay + start, end - start)));
        }
    }
}
