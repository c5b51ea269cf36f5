using System.Numerics.Tensors;

namespace Parity.Engine.Kernels.Normalization;

/// <summary>
/// Inference batch normalization y = γ·(x - mean)/sqrt(var + ε) + β along one channel axis. The constants fold into a
/// per-channel scale γ/sqrt(var + ε) and shift β - mean·scale (in double), then one vectorized multiply-add pass.
/// </summary>
public static class BatchNorm
{
    /// <summary>
    /// Normalizes <paramref name="input"/> of shape <paramref name="shape"/> along <paramref name="channelAxis"/>
    /// (negative counts from the end). <paramref name="gamma"/> and <paramref name="beta"/> may be empty (1 and 0).
    /// </summary>
    public static unsafe void Run(
        ReadOnlySpan<float> input, ReadOnlySpan<int> shape, int channelAxis,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        float epsilon, Span<float> output)
    {
        var (outer, channels, inner) = ChannelView.Split(shape, channelAxis, input.Length, output.Length, "BatchNorm");
        var (scale, shift) = Fold(channels, mean, variance, gamma, beta, epsilon);
        if (input.Length == 0) return;

        fixed (float* src = input, dst = output)
        {
            var source = (nint)src;
            var destination = (nint)dst;
            if (inner == 1)
            {
                // Channels last: every row of C values uses the scale and shift vectors as they are.
                Parallelism.For(outer, Math.Max(1, 8192 / channels), (start, end) =>
                {
                    for (var o = start; o < end; o++)
                    {
                        var offset = (long)o * channels;
                        TensorPrimitives.FusedMultiplyAdd(
                            new ReadOnlySpan<float>((float*)source + offset, channels), scale, shift,
                            new Span<float>((float*)destination + offset, channels));
                    }
                });
                return;
            }
            Parallelism.For(outer * channels, Math.Max(1, 8192 / inner), (start, end) =>
            {
                for (var row = start; row < end; row++)
                {
                    var c = row % channels;
                    var offset = (long)row * inner;
                    AffineRow.Apply(new ReadOnlySpan<float>((float*)source + offset, inner), scale[c], shift[c], new Span<float>((float*)destination + offset, inner));
                }
            });
        }
    }

    private static (float[] Scale, float[] Shift) Fold(
        int channels, ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float epsilon)
    {
        ChannelView.CheckLength(mean, channels, "mean", "BatchNorm", allowEmpty: false);
        ChannelView.CheckLength(variance, channels, "variance", "BatchNorm", allowEmpty: false);
        ChannelView.CheckLength(gamma, channels, "gamma", "BatchNorm", allowEmpty: true);
        ChannelView.CheckLength(beta, channels, "beta", "BatchNorm", allowEmpty: true);
        var scale = new float[channels];
        var shift = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            var s = (gamma.IsEmpty ? 1.0 : gamma[c]) / Math.Sqrt((double)variance[c] + epsilon);
            scale[c] = (float)s;
            shift[c] = (float)((beta.IsEmpty ? 0.0 : beta[c]) - mean[c] * s);
        }
        return (scale, shift);
    }
}
