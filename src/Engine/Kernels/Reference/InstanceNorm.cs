using Parity.Engine.Kernels.Normalization;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Normalization.InstanceNorm"/>: per (sample, channel) over every spatial axis, in double.</summary>
public static class InstanceNorm
{
    public static void Run(
        ReadOnlySpan<float> input, ReadOnlySpan<int> shape, Layout layout,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float epsilon, EpsilonPlacement placement, Span<float> output)
    {
        var channelAxis = layout == Layout.Nchw ? 1 : shape.Length - 1;
        var spatialAxes = Enumerable.Range(1, shape.Length - 1).Where(a => a != channelAxis).ToArray();
        var channels = shape[channelAxis];
        var strideOfChannel = layout == Layout.Nchw ? shape.ToArray().Skip(2).Aggregate(1, (x, y) => x * y) : 1;
        foreach (var (indices, _) in NormalizedSlices.Of(shape, spatialAxes))
        {
            var c = indices[0] / strideOfChannel % channels;
            var values = new double[indices.Length];
            for (var k = 0; k < indices.Length; k++) values[k] = input[indices[k]];
            var mean = values.Average();
            var variance = values.Select(v => (v - mean) * (v - mean)).Average();
            var spread = NormalizedSlices.Spread(variance, epsilon, placement);
            var g = gamma.IsEmpty ? 1.0 : gamma[c];
            var b = beta.IsEmpty ? 0.0 : beta[c];
            for (var k = 0; k < indices.Length; k++) output[indices[k]] = (float)(g * (values[k] - mean) / spread + b);
        }
    }
}
