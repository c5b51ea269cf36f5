namespace Parity.Engine.Kernels.Elementwise;

/// <summary>Argument checks shared by the element-wise drivers.</summary>
internal static class SpanChecks
{
    public static void SameLength(int inputLength, int outputLength, string name)
    {
        if (inputLength != outputLength)
        {
            throw new ArgumentException($"The output has {outputLength} elements but the input has {inputLength}; they must be equal.", name);
        }
    }

    // Writing vector by vector is only safe when the output is the input itself or disjoint from it.
    public static void NoPartialOverlap(ReadOnlySpan<float> input, ReadOnlySpan<float> output, string name)
    {
        if (input.Overlaps(output, out var offset) && offset != 0)
        {
            throw new ArgumentException($"The output overlaps the input at an offset of {offset} elements; it must be the input itself or disjoint from it.", name);
        }
    }

    // A broadcast input read while the output is written must not share memory with it unless it is the same span.
    public static void SameOrDisjoint(ReadOnlySpan<float> input, ReadOnlySpan<float> output, string name)
    {
        if (input.Overlaps(output, out var offset) && (offset != 0 || input.Length != output.Length))
        {
            throw new ArgumentException($"The output shares memory with an input of {input.Length} elements without being that input; it must be the same span or disjoint.", name);
        }
    }
}
