using System.Numerics.Tensors;

namespace Parity.Engine.Kernels;

/// <summary>
/// Rounds float32 values to the nearest IEEE half (ties to even, overflow to ±inf, half subnormals kept)
/// and stores the result back as float32: the value an fp16 compute unit would hold.
/// </summary>
public static class Float16Rounding
{
    // Converting through a small stack buffer keeps both conversions vectorized (TensorPrimitives picks
    // the widest ISA available) without allocating; 512 halves = 1 KiB of stack.
    private const int ChunkLength = 512;

    /// <summary>Writes the half-rounded <paramref name="source"/> to <paramref name="destination"/>; the spans may be the same.</summary>
    public static void Round(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values; {source.Length} are needed.", nameof(destination));
        }
        Span<Half> halves = stackalloc Half[ChunkLength];
        for (var start = 0; start < source.Length; start += ChunkLength)
        {
            var count = Math.Min(ChunkLength, source.Length - start);
            var chunk = halves[..count];
            TensorPrimitives.ConvertToHalf(source.Slice(start, count), chunk);
            TensorPrimitives.ConvertToSingle(chunk, destination.Slice(start, count));
        }
    }

    /// <summary>Rounds <paramref name="values"/> to half precision in place.</summary>
    public static void RoundInPlace(Span<float> values) => Round(values, values);
}
