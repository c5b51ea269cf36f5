using System.Numerics.Tensors;

namespace Parity.Engine.Kernels.Normalization;

/// <summary>Local response normalization across the channel axis (see <see cref="LrnParameters"/> for the formula).</summary>
public static class Lrn
{
    private const int Block = 256;

    /// <summary>Normalizes <paramref name="input"/> across <paramref name="channelAxis"/> (1 for NCHW, -1 for NHWC).</summary>
    public static unsafe void Run(ReadOnlySpan<float> input, ReadOnlySpan<int> shape, int channelAxis, LrnParameters p, Span<float> output)
    {
        if (p.Before < 0 || p.After < 0) throw new ArgumentException($"LRN window offsets must be non-negative, got before {p.Before}, after {p.After}.", nameof(p));
        var (outer, channels, inner) = ChannelView.Split(shape, channelAxis, input.Length, output.Length, "LRN");
        if (input.Length == 0) return;

        fixed (float* src = input, dst = output)
        {
            var source = (nint)src;
            var destination = (nint)dst;
            if (inner == 1)
            {
                // Channels last: one pixel's C values are contiguous; window sums are short scalar loops over squares.
                Parallelism.For(outer, Math.Max(1, 4096 / channels), (start, end) =>
                {
                    var squares = new float[channels];
                    var denominator = new float[channels];
                    for (var o = start; o < end; o++)
                    {
                        var x = new ReadOnlySpan<float>((float*)source + (long)o * channels, channels);
                        TensorPrimitives.Multiply(x, x, squares);
                        for (var c = 0; c < channels; c++)
                        {
                            var sum = 0f;
                            for (var k = Math.Max(0, c - p.Before); k <= Math.Min(channels - 1, c + p.After); k++) sum += squares[k];
                            denominator[c] = sum;
                        }
                        Finish(x, denominator, p, new Span<float>((float*)destination + (long)o * channels, channels));
                    }
                });
                return;
            }

            var blocks = (inner + Block - 1) / Block;
            Parallelism.For(outer * channels * blocks, Math.Max(1, 4096 / Math.Min(inner, Block)), (start, end) =>
            {
                Span<float> denominator = stackalloc float[Block];
                for (var w = start; w < end; w++)
                {
                    var column = w % blocks * Block;
                    var c = w / blocks % channels;
                    var o = w / blocks / channels;
                    var n = Math.Min(Block, inner - column);
                    var plane = (float*)source + (long)o * channels * inner + column;
                    var d = denominator[..n];
                    d.Clear();
                    for (var k = Math.Max(0, c - p.Before); k <= Math.Min(channels - 1, c + p.After); k++)
                    {
                        var xk = new ReadOnlySpan<float>(plane + (long)k * inner, n);
                        TensorPrimitives.MultiplyAdd(xk, xk, d, d);
                    }
                    Finish(new ReadOnlySpan<float>(plane + (long)c * inner, n), d, p, new Span<float>((float*)destination + (long)o * channels * inner + (long)c * inner + column, n));
                }
            });
        }
    }

    /// <summary>y = x / (bias + alpha·sum)^beta, with <paramref name="sum"/> overwritten on the way.</summary>
    private static void Finish(ReadOnlySpan<float> x, Span<float> sum, LrnParameters p, Span<float> y)
    {
        AffineRow.Apply(sum, p.Alpha, p.Bias, sum);
        TensorPrimitives.Pow(sum, p.Beta, sum);
        TensorPrimitives.Divide(x, sum, y);
    }
}
