using System.Numerics.Tensors;

namespace Parity.Engine.Kernels.Normalization;

/// <summary>
/// Instance normalization: per sample and channel, y = γ[c]·(x - mean)/spread + β[c] with mean and population
/// variance over the spatial axes. The spread is sqrt(var + ε) for Core ML (batchnorm with instanceNormalization),
/// MIL instance_norm and PyTorch, and sqrt(var) + ε for keras_contrib's InstanceNormalization
/// (see <see cref="EpsilonPlacement"/>; FINDINGS.md item 3 measures the difference on real models).
/// </summary>
public static class InstanceNorm
{
    private const int Block = 64;

    /// <summary>
    /// <paramref name="shape"/> is [N, C, spatial...] for NCHW or [N, spatial..., C] for NHWC (rank ≥ 3).
    /// <paramref name="gamma"/> and <paramref name="beta"/> hold C values or are empty (1 and 0).
    /// </summary>
    public static unsafe void Run(
        ReadOnlySpan<float> input, ReadOnlySpan<int> shape, Layout layout,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float epsilon, EpsilonPlacement placement, Span<float> output)
    {
        if (shape.Length < 3)
        {
            throw new ArgumentException($"InstanceNorm needs a batch, a channel and at least one spatial axis; got shape [{string.Join(", ", shape.ToArray())}].", nameof(shape));
        }
        var batch = shape[0];
        var channels = layout == Layout.Nchw ? shape[1] : shape[^1];
        var spatial = 1;
        for (var i = layout == Layout.Nchw ? 2 : 1; i < (layout == Layout.Nchw ? shape.Length : shape.Length - 1); i++) spatial *= shape[i];
        ChannelView.CheckSizes(batch * channels * spatial, input.Length, output.Length, "InstanceNorm");
        ChannelView.CheckLength(gamma, channels, "gamma", "InstanceNorm", allowEmpty: true);
        ChannelView.CheckLength(beta, channels, "beta", "InstanceNorm", allowEmpty: true);
        if (input.Length == 0) return;
        var g = gamma.ToArray();
        var b = beta.ToArray();

        fixed (float* src = input, dst = output)
        {
            var source = (nint)src;
            var destination = (nint)dst;
            if (layout == Layout.Nchw)
            {
                Parallelism.For(batch * channels, Math.Max(1, 8192 / spatial), (start, end) =>
                {
                    for (var row = start; row < end; row++)
                    {
                        var c = row % channels;
                        var offset = (long)row * spatial;
                        var x = new ReadOnlySpan<float>((float*)source + offset, spatial);
                        var (mean, variance) = Moments.OfRow(x);
                        var scale = (g.Length > 0 ? g[c] : 1f) * placement.InverseSpread(variance, epsilon);
                        var shift = (b.Length > 0 ? b[c] : 0f) - mean * scale;
                        AffineRow.Apply(x, scale, shift, new Span<float>((float*)destination + offset, spatial));
                    }
                });
                return;
            }

            var blocks = (channels + Block - 1) / Block;
            Parallelism.For(batch * blocks, Math.Max(1, 8192 / (spatial * Math.Min(channels, Block))), (start, end) =>
            {
                Span<float> scale = stackalloc float[Block];
                Span<float> shift = stackalloc float[Block];
                Span<float> scratch = stackalloc float[Block];
                for (var w = start; w < end; w++)
                {
                    var n = w / blocks;
                    var c0 = w % blocks * Block;
                    var count = Math.Min(Block, channels - c0);
                    var block = (long)n * spatial * channels + c0;
                    var s = scale[..count];
                    var t = shift[..count];
                    // Moments land in (shift, scale) = (mean, variance), then become the folded affine constants.
                    Moments.OfColumns((float*)source + block, spatial, channels, t, s, scratch[..count]);
                    for (var i = 0; i < count; i++)
                    {
                        var k = (g.Length > 0 ? g[c0 + i] : 1f) * placement.InverseSpread(s[i], epsilon);
                        s[i] = k;
                        t[i] = (b.Length > 0 ? b[c0 + i] : 0f) - t[i] * k;
                    }
                    for (var r = 0; r < spatial; r++)
                    {
                        var offset = block + (long)r * channels;
                        TensorPrimitives.FusedMultiplyAdd(new ReadOnlySpan<float>((float*)source + offset, count), s, t, new Span<float>((float*)destination + offset, count));
                    }
                }
            });
        }
    }
}
