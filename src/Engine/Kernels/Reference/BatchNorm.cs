namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Normalization.BatchNorm"/>: the formula per element, in double.</summary>
public static class BatchNorm
{
    public static void Run(
        ReadOnlySpan<float> input, ReadOnlySpan<int> shape, int channelAxis,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        float epsilon, Span<float> output)
    {
        var axis = channelAxis < 0 ? channelAxis + shape.Length : channelAxis;
        var channels = shape[axis];
        var inner = 1;
        for (var i = axis + 1; i < shape.Length; i++) inner *= shape[i];
        for (var i = 0; i < input.Length; i++)
        {
            var c = i / inner % channels;
            var g = gamma.IsEmpty ? 1.0 : gamma[c];
            var b = beta.IsEmpty ? 0.0 : beta[c];
            output[i] = (float)(g * (input[i] - (double)mean[c]) / Math.Sqrt((double)variance[c] + epsilon) + b);
        }
    }
}
