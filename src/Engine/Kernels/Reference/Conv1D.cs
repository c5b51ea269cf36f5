using Parity.Engine.Kernels.Convolution;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Convolution.Conv1D"/>: the defining 1-D sum as nested loops, accumulated in double.</summary>
public static class Conv1D
{
    public static void Forward(in Conv1DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output)
    {
        p.As2D().ValidateBuffers(input.Length, weights.Length, bias.Length, output.Length);
        int cinG = p.InChannels / p.Groups, coutG = p.OutChannels / p.Groups, outW = p.OutWidth;
        for (var n = 0; n < p.Batch; n++)
        for (var co = 0; co < p.OutChannels; co++)
        for (var ox = 0; ox < outW; ox++)
        {
            var g = co / coutG;
            double sum = bias.IsEmpty ? 0 : bias[co];
            for (var ci = 0; ci < cinG; ci++)
            for (var k = 0; k < p.KernelWidth; k++)
            {
                var ix = ox * p.Stride - p.PadLeft + k * p.Dilation;
                if (ix < 0 || ix >= p.InWidth) continue;
                var c = g * cinG + ci;
                var x = p.Layout == Layout.Nhwc ? input[(n * p.InWidth + ix) * p.InChannels + c] : input[(n * p.InChannels + c) * p.InWidth + ix];
                var w = p.Layout == Layout.Nhwc ? weights[(k * cinG + ci) * p.OutChannels + co] : weights[(co * cinG + ci) * p.KernelWidth + k];
                sum += (double)x * w;
            }
            output[p.Layout == Layout.Nhwc ? (n * outW + ox) * p.OutChannels + co : (n * p.OutChannels + co) * outW + ox] = (float)sum;
        }
    }
}
