namespace Parity.Engine.Kernels.Reference;

/// <summary>Scalar twin of <see cref="Kernels.Float16Rounding"/>: one System.Half round trip per element.</summary>
public static class Float16Rounding
{
    public static void Round(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values; {source.Length} are needed.", nameof(destination));
        }
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = (float)(Half)source[i];
        }
    }
}
