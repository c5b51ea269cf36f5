using System.Buffers;

namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// 3-D transposed convolution on channels-first volumes (see <see cref="ConvTranspose3DParameters"/>): per image and
/// group one GEMM computes every (input voxel, kernel tap, output channel) product, then <see cref="Col2Vol"/> adds each
/// product into the output voxel it lands on.
/// </summary>
public static class ConvTranspose3D
{
    private const int MinFloatsPerWorker = 16384;

    /// <summary>output = conv_transpose(input, weights) + bias. An empty <paramref name="bias"/> means no bias.</summary>
    public static unsafe void Forward(in ConvTranspose3DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output)
    {
        p.ValidateBuffers(input.Length, weights.Length, bias.Length, output.Length);
        var q = p;
        int inVoxels = p.InDepth * p.InHeight * p.InWidth, outVoxels = p.OutDepth * p.OutHeight * p.OutWidth;
        int cinG = p.InChannelsPerGroup, coutG = p.OutChannelsPerGroup, taps = p.TapsPerInput;
        var kernelVolume = p.KernelDepth * p.KernelHeight * p.KernelWidth;
        if (bias.IsEmpty) output.Clear();
        else ConvBias.Fill(Layout.Nchw, bias, output, p.OutChannels, outVoxels);
        var columns = ArrayPool<float>.Shared.Rent(inVoxels * taps);
        try
        {
            fixed (float* outputPointer = output)
            {
                var imageLength = outVoxels * p.OutChannels;
                for (var n = 0; n < p.Batch; n++)
                {
                    var image = new PinnedFloats(outputPointer + (long)n * imageLength, imageLength);
                    for (var g = 0; g < p.Groups; g++)
                    {
                        var group = g;
                        // [Cout/groups*KD*KH*KW, Cin/groups] x [Cin/groups, D*H*W]; weights [Cin, Cout/groups, KD, KH, KW] are the transposed left side.
                        Gemm.Multiply(taps, inVoxels, cinG,
                            weights[(g * cinG * taps)..], taps, true,
                            input[((n * p.InChannels + g * cinG) * inVoxels)..], inVoxels, false,
                            columns, inVoxels);
                        var minChannels = Math.Max(1, MinFloatsPerWorker / (inVoxels * kernelVolume));
                        Parallelism.For(coutG, minChannels, (start, end) => Col2Vol.Channels(q, columns, group, image.Span, start, end));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(columns);
        }
    }
}
