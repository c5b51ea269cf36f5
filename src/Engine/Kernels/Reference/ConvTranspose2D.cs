using Parity.Engine.Kernels.Convolution;

namespace Parity.Engine.Kernels.Reference;

/// <summary>
/// Reference twin of <see cref="Convolution.ConvTranspose2D"/>: every input value scattered through every kernel tap,
/// exactly as the definition reads, accumulated in double.
/// </summary>
public static class ConvTranspose2D
{
    public static void Forward(in ConvTranspose2DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output)
    {
        p.ValidateBuffers(input.Length, weights.Length, bias.Length, output.Length);
        int cinG = p.InChannelsPerGroup, coutG = p.OutChannelsPerGroup, outH = p.OutHeight, outW = p.OutWidth;
        var sums = new double[output.Length];
        for (var n = 0; n < p.Batch; n++)
        for (var ci = 0; ci < p.InChannels; ci++)
        for (var iy = 0; iy < p.InHeight; iy++)
        for (var ix = 0; ix < p.InWidth; ix++)
        {
            var g = ci / cinG;
            var x = p.Layout == Layout.Nhwc
                ? input[((n * p.InHeight + iy) * p.InWidth + ix) * p.InChannels + ci]
                : input[((n * p.InChannels + ci) * p.InHeight + iy) * p.InWidth + ix];
            for (var j = 0; j < coutG; j++)
            for (var ky = 0; ky < p.KernelHeight; ky++)
            for (var kx = 0; kx < p.KernelWidth; kx++)
            {
                var oy = iy * p.StrideHeight - p.PadTop + ky * p.DilationHeight;
                var ox = ix * p.StrideWidth - p.PadLeft + kx * p.DilationWidth;
                if (oy < 0 || oy >= outH || ox < 0 || ox >= outW) continue;
                var co = g * coutG + j;
                var w = p.Layout == Layout.Nhwc
                    ? weights[((ky * p.KernelWidth + kx) * coutG + j) * p.InChannels + ci]
                    : weights[((ci * coutG + j) * p.KernelHeight + ky) * p.KernelWidth + kx];
                var o = p.Layout == Layout.Nhwc
                    ? ((n * outH + oy) * outW + ox) * p.OutChannels + co
                    : ((n * p.OutChannels + co) * outH + oy) * outW + ox;
                sums[o] += (double)x * w;
            }
        }
        for (var o = 0; o < output.Length; o++)
        {
            var co = p.Layout == Layout.Nhwc ? o % p.OutChannels : o / (outH * outW) % p.OutChannels;
            output[o] = (float)(sums[o] + (bias.IsEmpty ? 0 : bias[co]));
        }
    }
}
