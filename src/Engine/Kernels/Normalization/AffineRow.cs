using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Normalization;

/// <summary>The inner loop of every normalization: one vectorized multiply-add of a row by a scalar scale and shift.</summary>
internal static class AffineRow
{
    /// <summary>dst[i] = x[i]·scale + shift, fused where the hardware has FMA; <paramref name="dst"/> may be <paramref name="x"/>.</summary>
    public static void Apply(ReadOnlySpan<float> x, float scale, float shift, Span<float> dst)
    {
        if (dst.Length != x.Length) throw new ArgumentException($"Destination length {dst.Length} differs from source length {x.Length}.", nameof(dst));
        ref var src = ref MemoryMarshal.GetReference(x);
        ref var to = ref MemoryMarshal.GetReference(dst);
        var n = (nuint)x.Length;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            var a = Vector512.Create(scale);
            var b = Vector512.Create(shift);
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
            {
                Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref src, i), a, b).StoreUnsafe(ref to, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<float>.Count)
        {
            var a = Vector256.Create(scale);
            var b = Vector256.Create(shift);
            for (; i + (nuint)Vector256<float>.Count <= n; i += (nuint)Vector256<float>.Count)
            {
                Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref src, i), a, b).StoreUnsafe(ref to, i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<float>.Count)
        {
            var a = Vector128.Create(scale);
            var b = Vector128.Create(shift);
            for (; i + (nuint)Vector128<float>.Count <= n; i += (nuint)Vector128<float>.Count)
            {
                Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref src, i), a, b).StoreUnsafe(ref to, i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref to, i) = float.MultiplyAddEstimate(Unsafe.Add(ref src, i), scale, shift);
        }
    }
}
