using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>
/// Applies an <see cref="IBinaryOperator"/> to two spans of equal length, or to a span and a scalar,
/// with the widest accelerated vector that fits (same tail handling as <see cref="UnaryDriver"/>).
/// </summary>
internal static class BinaryDriver
{
    /// <summary>z[i] = op(x[i], y[i]); <paramref name="z"/> may be either input but must not partially overlap them.</summary>
    public static void Zip<TOp>(TOp op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z) where TOp : struct, IBinaryOperator
    {
        SpanChecks.SameLength(x.Length, z.Length, nameof(z));
        SpanChecks.SameLength(y.Length, z.Length, nameof(z));
        SpanChecks.NoPartialOverlap(x, z, nameof(z));
        SpanChecks.NoPartialOverlap(y, z, nameof(z));
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        ref var zs = ref MemoryMarshal.GetReference(z);
        var n = (nuint)x.Length;

        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            var w = (nuint)Vector512<float>.Count;
            var lastStart = n - w;
            var last = op.Invoke(Vector512.LoadUnsafe(ref xs, lastStart), Vector512.LoadUnsafe(ref ys, lastStart));
            for (nuint i = 0; i < lastStart; i += w)
            {
                op.Invoke(Vector512.LoadUnsafe(ref xs, i), Vector512.LoadUnsafe(ref ys, i)).StoreUnsafe(ref zs, i);
            }
            last.StoreUnsafe(ref zs, lastStart);
            return;
        }
        if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<float>.Count)
        {
            var w = (nuint)Vector256<float>.Count;
            var lastStart = n - w;
            var last = op.Invoke(Vector256.LoadUnsafe(ref xs, lastStart), Vector256.LoadUnsafe(ref ys, lastStart));
            for (nuint i = 0; i < lastStart; i += w)
            {
                op.Invoke(Vector256.LoadUnsafe(ref xs, i), Vector256.LoadUnsafe(ref ys, i)).StoreUnsafe(ref zs, i);
            }
            last.StoreUnsafe(ref zs, lastStart);
            return;
        }
        if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<float>.Count)
        {
            var w = (nuint)Vector128<float>.Count;
            var lastStart = n - w;
            var last = op.Invoke(Vector128.LoadUnsafe(ref xs, lastStart), Vector128.LoadUnsafe(ref ys, lastStart));
            for (nuint i = 0; i < lastStart; i += w)
            {
                op.Invoke(Vector128.LoadUnsafe(ref xs, i), Vector128.LoadUnsafe(ref ys, i)).StoreUnsafe(ref zs, i);
            }
            last.StoreUnsafe(ref zs, lastStart);
            return;
        }
        for (var i = 0; i < x.Length; i++) z[i] = op.Invoke(x[i], y[i]);
    }

    /// <summary>z[i] = op(x[i], y).</summary>
    public static void ZipScalarRight<TOp>(TOp op, ReadOnlySpan<float> x, float y, Span<float> z) where TOp : struct, IBinaryOperator =>
        UnaryDriver.Map(new RightBound<TOp>(op, y), x, z);

    /// <summary>z[i] = op(x, y[i]).</summary>
    public static void ZipScalarLeft<TOp>(TOp op, float x, ReadOnlySpan<float> y, Span<float> z) where TOp : struct, IBinaryOperator =>
        UnaryDriver.Map(new LeftBound<TOp>(op, x), y, z);

    /// <summary>A binary operator with its second operand fixed: a unary operator for the span-scalar case.</summary>
    private readonly struct RightBound<TOp>(TOp op, float y) : IUnaryOperator where TOp : struct, IBinaryOperator
    {
        public float Invoke(float x) => op.Invoke(x, y);

        public Vector128<float> Invoke(Vector128<float> x) => op.Invoke(x, Vector128.Create(y));

        public Vector256<float> Invoke(Vector256<float> x) => op.Invoke(x, Vector256.Create(y));

        public Vector512<float> Invoke(Vector512<float> x) => op.Invoke(x, Vector512.Create(y));
    }

    /// <summary>A binary operator with its first operand fixed.</summary>
    private readonly struct LeftBound<TOp>(TOp op, float x) : IUnaryOperator where TOp : struct, IBinaryOperator
    {
        public float Invoke(float y) => op.Invoke(x, y);

        public Vector128<float> Invoke(Vector128<float> y) => op.Invoke(Vector128.Create(x), y);

        public Vector256<float> Invoke(Vector256<float> y) => op.Invoke(Vector256.Create(x), y);

        public Vector512<float> Invoke(Vector512<float> y) => op.Invoke(Vector512.Create(x), y);
    }
}
