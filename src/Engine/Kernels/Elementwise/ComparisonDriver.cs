using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>
/// Writes comparison results as bytes (1 true, 0 false) with the widest accelerated vector: four vectors of lane masks
/// are narrowed int -> short -> byte into one vector of bytes; the tail is one such block ending at the last element.
/// </summary>
internal static class ComparisonDriver
{
    /// <summary>z[i] = op(x[i or 0], y[i or 0]) where a "scalar" operand repeats its first element.</summary>
    public static void Compare<TOp>(TOp op, ReadOnlySpan<float> x, bool xScalar, ReadOnlySpan<float> y, bool yScalar, Span<byte> z)
        where TOp : struct, IComparisonOperator
    {
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        ref var zs = ref MemoryMarshal.GetReference(z);
        var n = (nuint)z.Length;

        if (Vector512.IsHardwareAccelerated && n >= 4 * (nuint)Vector512<float>.Count)
        {
            var w = (nuint)Vector512<float>.Count;
            var xv = xScalar ? Vector512.Create(x[0]) : default;
            var yv = yScalar ? Vector512.Create(y[0]) : default;
            for (nuint i = 0; i < n; i += 4 * w)
            {
                // The last block is moved back to end at n; it recomputes a few already written elements.
                var at = Math.Min(i, n - 4 * w);
                var m0 = op.Invoke(xScalar ? xv : Vector512.LoadUnsafe(ref xs, at), yScalar ? yv : Vector512.LoadUnsafe(ref ys, at));
                var m1 = op.Invoke(xScalar ? xv : Vector512.LoadUnsafe(ref xs, at + w), yScalar ? yv : Vector512.LoadUnsafe(ref ys, at + w));
                var m2 = op.Invoke(xScalar ? xv : Vector512.LoadUnsafe(ref xs, at + 2 * w), yScalar ? yv : Vector512.LoadUnsafe(ref ys, at + 2 * w));
                var m3 = op.Invoke(xScalar ? xv : Vector512.LoadUnsafe(ref xs, at + 3 * w), yScalar ? yv : Vector512.LoadUnsafe(ref ys, at + 3 * w));
                var bytes = Vector512.Narrow(Vector512.Narrow(m0.AsInt32(), m1.AsInt32()), Vector512.Narrow(m2.AsInt32(), m3.AsInt32())).AsByte();
                (bytes & Vector512<byte>.One).StoreUnsafe(ref zs, at);
            }
            return;
        }

        if (Vector256.IsHardwareAccelerated && n >= 4 * (nuint)Vector256<float>.Count)
        {
            var w = (nuint)Vector256<float>.Count;
            var xv = xScalar ? Vector256.Create(x[0]) : default;
            var yv = yScalar ? Vector256.Create(y[0]) : default;
            for (nuint i = 0; i < n; i += 4 * w)
            {
                // The last block is moved back to end at n; it recomputes a few already written elements.
                var at = Math.Min(i, n - 4 * w);
                var m0 = op.Invoke(xScalar ? xv : Vector256.LoadUnsafe(ref xs, at), yScalar ? yv : Vector256.LoadUnsafe(ref ys, at));
                var m1 = op.Invoke(xScalar ? xv : Vector256.LoadUnsafe(ref xs, at + w), yScalar ? yv : Vector256.LoadUnsafe(ref ys, at + w));
                var m2 = op.Invoke(xScalar ? xv : Vector256.LoadUnsafe(ref xs, at + 2 * w), yScalar ? yv : Vector256.LoadUnsafe(ref ys, at + 2 * w));
                var m3 = op.Invoke(xScalar ? xv : Vector256.LoadUnsafe(ref xs, at + 3 * w), yScalar ? yv : Vector256.LoadUnsafe(ref ys, at + 3 * w));
                var bytes = Vector256.Narrow(Vector256.Narrow(m0.AsInt32(), m1.AsInt32()), Vector256.Narrow(m2.AsInt32(), m3.AsInt32())).AsByte();
                (bytes & Vector256<byte>.One).StoreUnsafe(ref zs, at);
            }
            return;
        }

        if (Vector128.IsHardwareAccelerated && n >= 4 * (nuint)Vector128<float>.Count)
        {
            var w = (nuint)Vector128<float>.Count;
            var xv = xScalar ? Vector128.Create(x[0]) : default;
            var yv = yScalar ? Vector128.Create(y[0]) : default;
            for (nuint i = 0; i < n; i += 4 * w)
            {
                // The last block is moved back to end at n; it recomputes a few already written elements.
                var at = Math.Min(i, n - 4 * w);
                var m0 = op.Invoke(xScalar ? xv : Vector128.LoadUnsafe(ref xs, at), yScalar ? yv : Vector128.LoadUnsafe(ref ys, at));
                var m1 = op.Invoke(xScalar ? xv : Vector128.LoadUnsafe(ref xs, at + w), yScalar ? yv : Vector128.LoadUnsafe(ref ys, at + w));
                var m2 = op.Invoke(xScalar ? xv : Vector128.LoadUnsafe(ref xs, at + 2 * w), yScalar ? yv : Vector128.LoadUnsafe(ref ys, at + 2 * w));
                var m3 = op.Invoke(xScalar ? xv : Vector128.LoadUnsafe(ref xs, at + 3 * w), yScalar ? yv : Vector128.LoadUnsafe(ref ys, at + 3 * w));
                var bytes = Vector128.Narrow(Vector128.Narrow(m0.AsInt32(), m1.AsInt32()), Vector128.Narrow(m2.AsInt32(), m3.AsInt32())).AsByte();
                (bytes & Vector128<byte>.One).StoreUnsafe(ref zs, at);
            }
            return;
        }

        for (var i = 0; i < z.Length; i++) z[i] = op.Invoke(x[xScalar ? 0 : i], y[yScalar ? 0 : i]) ? (byte)1 : (byte)0;
    }
}
