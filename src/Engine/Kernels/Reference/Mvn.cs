using Parity.Engine.Kernels.Normalization;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Normalization.Mvn"/>: mean (and spread) per slice of the last 2 or 3 axes, in double.</summary>
public static class Mvn
{
    public static void Run(
        ReadOnlySpan<float> input, ReadOnlySpan<int> shape, bool acrossChannels, bool normalizeVariance,
        float epsilon, EpsilonPlacement placement, Span<float> output)
    {
        int[] axes = acrossChannels ? [shape.Length - 3, shape.Length - 2, shape.Length - 1] : [shape.Length - 2, shape.Length - 1];
        foreach (var (indices, _) in NormalizedSlices.Of(shape, axes))
        {
            var values = new double[indices.Length];
            for (var k = 0; k < indices.Length; k++) values[k] = input[indices[k]];
            var mean = values.Average();
            var spread = normalizeVariance ? NormalizedSlices.Spread(values.Select(v => (v - mean) * (v - mean)).Average(), epsilon, placement) : 1.0;
            for (var k = 0; k < indices.Length; k++) output[indices[k]] = (float)((values[k] - mean) / spread);
        }
    }
}
