using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels;

/// <summary>
/// Rounds float32 values to the nearest IEEE half (ties to even, overflow to ±inf, half subnormals kept)
/// and stores the result back as float32: the value an fp16 compute unit would hold.
/// </summary>
/// <remarks>
/// Works on the float32 bits directly, in one pass, in three magnitude ranges:
/// normal halves (|x| ≥ 2^-14) keep 10 of float32's 23 mantissa bits, rounded to nearest even by adding
/// 0xFFF plus the lowest kept bit before truncating (a carry correctly bumps the exponent);
/// |x| ≥ 65520, the midpoint between 65504 (largest half) and 2^16 whose tie goes to the even 2^16, overflows
/// to infinity; subnormal halves (|x| &lt; 2^-14) are multiples of 2^-24, and adding then subtracting 0.5
/// (whose float32 ulp is 2^-24) lets the FPU round to that grid, ties to even. NaN passes through.
/// </remarks>
public static class Float16Rounding
{
    private const uint SignMask = 0x8000_0000;
    private const uint InfinityBits = 0x7F80_0000;
    private const uint OverflowBits = 0x477F_F000;   // 65520
    private const uint SmallestNormalBits = 0x3880_0000; // 2^-14
    private const uint DroppedBits = 0x0000_1FFF;    // the 13 mantissa bits a half does not have

    /// <summary>Writes the half-rounded <paramref name="source"/> to <paramref name="destination"/>; the spans may be the same.</summary>
    public static void Round(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values; {source.Length} are needed.", nameof(destination));
        }
        var src = MemoryMarshal.Cast<float, uint>(source);
        var dst = MemoryMarshal.Cast<float, uint>(destination);
        // The last vector overlaps the previous one instead of a scalar tail: rounding is idempotent,
        // so re-rounding already written elements (even in place) changes nothing.
        if (Vector512.IsHardwareAccelerated && src.Length >= Vector512<uint>.Count)
        {
            var last = src.Length - Vector512<uint>.Count;
            for (var i = 0; ; i += Vector512<uint>.Count)
            {
                i = Math.Min(i, last);
                Round(Vector512.Create(src[i..])).CopyTo(dst[i..]);
                if (i == last) break;
            }
        }
        else if (Vector256.IsHardwareAccelerated && src.Length >= Vector256<uint>.Count)
        {
            var last = src.Length - Vector256<uint>.Count;
            for (var i = 0; ; i += Vector256<uint>.Count)
            {
                i = Math.Min(i, last);
                Round(Vector256.Create(src[i..])).CopyTo(dst[i..]);
                if (i == last) break;
            }
        }
        else if (Vector128.IsHardwareAccelerated && src.Length >= Vector128<uint>.Count)
        {
            var last = src.Length - Vector128<uint>.Count;
            for (var i = 0; ; i += Vector128<uint>.Count)
            {
                i = Math.Min(i, last);
                Round(Vector128.Create(src[i..])).CopyTo(dst[i..]);
                if (i == last) break;
            }
        }
        else
        {
            for (var i = 0; i < src.Length; i++) dst[i] = Round(src[i]);
        }
    }

    /// <summary>Rounds <paramref name="values"/> to half precision in place.</summary>
    public static void RoundInPlace(Span<float> values) => Round(values, values);

    private static uint Round(uint bits)
    {
        var sign = bits & SignMask;
        var magnitude = bits & ~SignMask;
        if (magnitude > InfinityBits) return bits;
        if (magnitude >= OverflowBits) return sign | InfinityBits;
        if (magnitude >= SmallestNormalBits) return sign | ((magnitude + (DroppedBits >> 1) + ((magnitude >> 13) & 1)) & ~DroppedBits);
        var subnormal = BitConverter.UInt32BitsToSingle(magnitude) + 0.5f - 0.5f;
        return sign | BitConverter.SingleToUInt32Bits(subnormal);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Round(Vector512<uint> bits)
    {
        var sign = bits & Vector512.Create(SignMask);
        var magnitude = bits & Vector512.Create(~SignMask);
        var normal = (magnitude + Vector512.Create(DroppedBits >> 1) + ((magnitude >> 13) & Vector512<uint>.One)) & Vector512.Create(~DroppedBits);
        var half = Vector512.Create(0.5f);
        var subnormal = ((magnitude.AsSingle() + half) - half).AsUInt32();
        var rounded = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(magnitude, Vector512.Create(SmallestNormalBits)), normal, subnormal);
        rounded = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(magnitude, Vector512.Create(OverflowBits)), Vector512.Create(InfinityBits), rounded);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(magnitude, Vector512.Create(InfinityBits)), bits, sign | rounded);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Round(Vector256<uint> bits)
    {
        var sign = bits & Vector256.Create(SignMask);
        var magnitude = bits & Vector256.Create(~SignMask);
        var normal = (magnitude + Vector256.Create(DroppedBits >> 1) + ((magnitude >> 13) & Vector256<uint>.One)) & Vector256.Create(~DroppedBits);
        var half = Vector256.Create(0.5f);
        var subnormal = ((magnitude.AsSingle() + half) - half).AsUInt32();
        var rounded = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(magnitude, Vector256.Create(SmallestNormalBits)), normal, subnormal);
        rounded = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(magnitude, Vector256.Create(OverflowBits)), Vector256.Create(InfinityBits), rounded);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(magnitude, Vector256.Create(InfinityBits)), bits, sign | rounded);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Round(Vector128<uint> bits)
    {
        var sign = bits & Vector128.Create(SignMask);
        var magnitude = bits & Vector128.Create(~SignMask);
        var normal = (magnitude + Vector128.Create(DroppedBits >> 1) + ((magnitude >> 13) & Vector128<uint>.One)) & Vector128.Create(~DroppedBits);
        var half = Vector128.Create(0.5f);
        var subnormal = ((magnitude.AsSingle() + half) - half).AsUInt32();
        var rounded = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(magnitude, Vector128.Create(SmallestNormalBits)), normal, subnormal);
        rounded = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(magnitude, Vector128.Create(OverflowBits)), Vector128.Create(InfinityBits), rounded);
        return Vector128.ConditionalSelect(Vector128.GreaterThan(magnitude, Vector128.Create(InfinityBits)), bits, sign | rounded);
    }
}
