using Parity.Engine.Kernels.Normalization;

namespace Parity.Engine.Kernels.Reference;

/// <summary>
/// Reference twin of <see cref="Normalization.LayerNorm"/>: for every sample (an index over the kept axes) it gathers
/// the normalized elements by multi-index, takes mean and population variance in double and applies the formula.
/// </summary>
public static class LayerNorm
{
    public static void Run(
        ReadOnlySpan<float> input, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float epsilon, EpsilonPlacement placement, Span<float> output)
    {
        foreach (var (indices, positions) in NormalizedSlices.Of(shape, axes))
        {
            var values = new double[indices.Length];
            for (var k = 0; k < indices.Length; k++) values[k] = input[indices[k]];
            var mean = values.Average();
            var variance = values.Select(v => (v - mean) * (v - mean)).Average();
            var spread = NormalizedSlices.Spread(variance, epsilon, placement);
            for (var k = 0; k < indices.Length; k++)
            {
                var g = gamma.IsEmpty ? 1.0 : gamma[positions[k]];
                var b = beta.IsEmpty ? 0.0 : beta[positions[k]];
                output[indices[k]] = (float)(g * (values[k] - mean) / spread + b);
            }
        }
    }
}
