using Parity.Engine.Kernels.Pooling;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Pooling.GlobalPool"/>: per sample and channel, a loop over every spatial position in double.</summary>
public static class GlobalPool
{
    public static void Run(ReadOnlySpan<float> input, ReadOnlySpan<int> shape, Layout layout, PoolKind kind, Span<float> output)
    {
        var batch = shape[0];
        var channels = layout == Layout.Nchw ? shape[1] : shape[^1];
        var spatial = input.Length / Math.Max(1, batch * channels);
        for (var n = 0; n < batch; n++)
        for (var c = 0; c < channels; c++)
        {
            var max = double.NegativeInfinity;
            double sum = 0, squares = 0;
            for (var s = 0; s < spatial; s++)
            {
                double x = input[layout == Layout.Nchw ? (n * channels + c) * spatial + s : (n * spatial + s) * channels + c];
                max = Math.Max(max, x);
                sum += x;
                squares += x * x;
            }
            output[n * channels + c] = kind switch
            {
                PoolKind.Max => (float)max,
                PoolKind.Average => (float)(sum / spatial),
                _ => (float)Math.Sqrt(squares),
            };
        }
    }
}
