using Parity.Engine.Kernels.Convolution;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Convolution.Conv2D"/>: the defining sum as nested loops, accumulated in double.</summary>
public static class Conv2D
{
    public static void Forward(in Conv2DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output)
    {
        p.ValidateBuffers(input.Length, weights.Length, bias.Length, output.Length);
        int cinG = p.InChannelsPerGroup, coutG = p.OutChannelsPerGroup, outH = p.OutHeight, outW = p.OutWidth;
        for (var n = 0; n < p.Batch; n++)
        for (var co = 0; co < p.OutChannels; co++)
        for (var oy = 0; oy < outH; oy++)
        for (var ox = 0; ox < outW; ox++)
        {
            var g = co / coutG;
            double sum = bias.IsEmpty ? 0 : bias[co];
            for (var ci = 0; ci < cinG; ci++)
            for (var ky = 0; ky < p.KernelHeight; ky++)
            for (var kx = 0; kx < p.KernelWidth; kx++)
            {
                var iy = oy * p.StrideHeight - p.PadTop + ky * p.DilationHeight;
                var ix = ox * p.StrideWidth - p.PadLeft + kx * p.DilationWidth;
                if (iy < 0 || iy >= p.InHeight || ix < 0 || ix >= p.InWidth) continue;
                var c = g * cinG + ci;
                var x = p.Layout == Layout.Nhwc
                    ? input[((n * p.InHeight + iy) * p.InWidth + ix) * p.InChannels + c]
                    : input[((n * p.InChannels + c) * p.InHeight + iy) * p.InWidth + ix];
                var w = p.Layout == Layout.Nhwc
                    ? weights[((ky * p.KernelWidth + kx) * cinG + ci) * p.OutChannels + co]
                    : weights[((co * cinG + ci) * p.KernelHeight + ky) * p.KernelWidth + kx];
                sum += (double)x * w;
            }
            var o = p.Layout == Layout.Nhwc
                ? ((n * outH + oy) * outW + ox) * p.OutChannels + co
                : ((n * p.OutChannels + co) * outH + oy) * outW + ox;
            output[o] = (float)sum;
        }
    }
}
