using Parity.Engine.Kernels.Convolution;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Convolution.Conv3D"/>: the defining sum as nested loops, accumulated in double.</summary>
public static class Conv3D
{
    public static void Forward(in Conv3DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output)
    {
        p.ValidateBuffers(input.Length, weights.Length, bias.Length, output.Length);
        int cinG = p.InChannelsPerGroup, coutG = p.OutChannelsPerGroup, outD = p.OutDepth, outH = p.OutHeight, outW = p.OutWidth;
        for (var n = 0; n < p.Batch; n++)
        for (var co = 0; co < p.OutChannels; co++)
        for (var oz = 0; oz < outD; oz++)
        for (var oy = 0; oy < outH; oy++)
        for (var ox = 0; ox < outW; ox++)
        {
            var g = co / coutG;
            double sum = bias.IsEmpty ? 0 : bias[co];
            for (var ci = 0; ci < cinG; ci++)
            for (var kz = 0; kz < p.KernelDepth; kz++)
            for (var ky = 0; ky < p.KernelHeight; ky++)
            for (var kx = 0; kx < p.KernelWidth; kx++)
            {
                var iz = oz * p.StrideDepth - p.PadFront + kz * p.DilationDepth;
                var iy = oy * p.StrideHeight - p.PadTop + ky * p.DilationHeight;
                var ix = ox * p.StrideWidth - p.PadLeft + kx * p.DilationWidth;
                if (iz < 0 || iz >= p.InDepth || iy < 0 || iy >= p.InHeight || ix < 0 || ix >= p.InWidth) continue;
                var x = input[(((n * p.InChannels + g * cinG + ci) * p.InDepth + iz) * p.InHeight + iy) * p.InWidth + ix];
                var w = weights[(((co * cinG + ci) * p.KernelDepth + kz) * p.KernelHeight + ky) * p.KernelWidth + kx];
                sum += (double)x * w;
            }
            output[(((n * p.OutChannels + co) * outD + oz) * outH + oy) * outW + ox] = (float)sum;
        }
    }
}
