using Parity.Engine.Kernels.Normalization;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Normalization.L2Normalize"/>: each slice divided by its guarded norm, in double.</summary>
public static class L2Normalize
{
    public static void Run(
        ReadOnlySpan<float> input, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, float epsilon, L2NormEpsilon rule, Span<float> output)
    {
        foreach (var (indices, _) in NormalizedSlices.Of(shape, axes))
        {
            var sum = 0.0;
            foreach (var i in indices) sum += (double)input[i] * input[i];
            var divisor = rule switch
            {
                L2NormEpsilon.AddToSumOfSquares => Math.Sqrt(sum + epsilon),
                L2NormEpsilon.FloorSumOfSquares => Math.Sqrt(Math.Max(sum, epsilon)),
                L2NormEpsilon.FloorNorm => Math.Max(Math.Sqrt(sum), epsilon),
                _ => throw new ArgumentOutOfRangeException(nameof(rule)),
            };
            foreach (var i in indices) output[i] = (float)(input[i] / divisor);
        }
    }
}
