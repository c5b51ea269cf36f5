using Parity.Engine.Kernels.Convolution;

namespace Parity.Engine.Kernels.Reference;

/// <summary>
/// Reference twin of <see cref="Convolution.ConvTranspose3D"/>: every input value scattered through every kernel tap,
/// exactly as the definition reads, accumulated in double.
/// </summary>
public static class ConvTranspose3D
{
    public static void Forward(in ConvTranspose3DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output)
    {
        p.ValidateBuffers(input.Length, weights.Length, bias.Length, output.Length);
        int cinG = p.InChannelsPerGroup, coutG = p.OutChannelsPerGroup, outD = p.OutDepth, outH = p.OutHeight, outW = p.OutWidth;
        var sums = new double[output.Length];
        for (var n = 0; n < p.Batch; n++)
        for (var ci = 0; ci < p.InChannels; ci++)
        for (var iz = 0; iz < p.InDepth; iz++)
        for (var iy = 0; iy < p.InHeight; iy++)
        for (var ix = 0; ix < p.InWidth; ix++)
        {
            var g = ci / cinG;
            var x = input[(((n * p.InChannels + ci) * p.InDepth + iz) * p.InHeight + iy) * p.InWidth + ix];
            for (var j = 0; j < coutG; j++)
            for (var kz = 0; kz < p.KernelDepth; kz++)
            for (var ky = 0; ky < p.KernelHeight; ky++)
            for (var kx = 0; kx < p.KernelWidth; kx++)
            {
                var oz = iz * p.StrideDepth - p.PadFront + kz * p.DilationDepth;
                var oy = iy * p.StrideHeight - p.PadTop + ky * p.DilationHeight;
                var ox = ix * p.StrideWidth - p.PadLeft + kx * p.DilationWidth;
                if (oz < 0 || oz >= outD || oy < 0 || oy >= outH || ox < 0 || ox >= outW) continue;
                var w = weights[(((ci * coutG + j) * p.KernelDepth + kz) * p.KernelHeight + ky) * p.KernelWidth + kx];
                sums[(((n * p.OutChannels + g * coutG + j) * outD + oz) * outH + oy) * outW + ox] += (double)x * w;
            }
        }
        var voxels = outD * outH * outW;
        for (var o = 0; o < output.Length; o++)
        {
            output[o] = (float)(sums[o] + (bias.IsEmpty ? 0 : bias[o / voxels % p.OutChannels]));
        }
    }
}
