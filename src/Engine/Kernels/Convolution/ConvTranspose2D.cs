using System.Buffers;

namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// 2-D transposed convolution (deconvolution) in NHWC or NCHW (see <see cref="ConvTranspose2DParameters"/>): per image
/// and group one GEMM computes every (input pixel, kernel tap, output channel) product, then <see cref="Col2Im"/> adds
/// each product into the output pixel it lands on.
/// </summary>
public static class ConvTranspose2D
{
    private const int MinFloatsPerWorker = 16384;

    /// <summary>output = conv_transpose(input, weights) + bias. An empty <paramref name="bias"/> means no bias.</summary>
    public static unsafe void Forward(in ConvTranspose2DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output)
    {
        p.ValidateBuffers(input.Length, weights.Length, bias.Length, output.Length);
        var q = p;
        int inPixels = p.InHeight * p.InWidth, outPixels = p.OutHeight * p.OutWidth;
        int cinG = p.InChannelsPerGroup, coutG = p.OutChannelsPerGroup, taps = p.KernelHeight * p.KernelWidth * coutG;
        if (bias.IsEmpty) output.Clear();
        else ConvBias.Fill(p.Layout, bias, output, p.OutChannels, outPixels);
        var columns = ArrayPool<float>.Shared.Rent(inPixels * taps);
        try
        {
            fixed (float* outputPointer = output)
            {
                var imageLength = outPixels * p.OutChannels;
                for (var n = 0; n < p.Batch; n++)
                {
                    var image = new PinnedFloats(outputPointer + n * imageLength, imageLength);
                    for (var g = 0; g < p.Groups; g++)
                    {
                        var group = g;
                        if (p.Layout == Layout.Nhwc)
                        {
                            // [H*W, Cin/groups] x [Cin/groups, KH*KW*Cout/groups]; Keras weights [KH, KW, Cout/groups, Cin] are the transposed right side.
                            Gemm.Multiply(inPixels, taps, cinG,
                                input[(n * inPixels * p.InChannels + g * cinG)..], p.InChannels, false,
                                weights[(g * cinG)..], p.InChannels, true,
                                columns, taps);
                            var minRows = Math.Max(1, MinFloatsPerWorker / (p.OutWidth * coutG * p.KernelHeight * p.KernelWidth));
                            Parallelism.For(p.OutHeight, minRows, (start, end) => Col2Im.Nhwc(q, columns, group, image.Span, start, end));
                        }
                        else
                        {
                            // [Cout/groups*KH*KW, Cin/groups] x [Cin/groups, H*W]; weights [Cin, Cout/groups, KH, KW] are the transposed left side.
                            Gemm.Multiply(taps, inPixels, cinG,
                                weights[(g * cinG * taps)..], taps, true,
                                input[((n * p.InChannels + g * cinG) * inPixels)..], inPixels, false,
                                columns, inPixels);
                            var minChannels = Math.Max(1, MinFloatsPerWorker / (inPixels * p.KernelHeight * p.KernelWidth));
                            Parallelism.For(coutG, minChannels, (start, end) => Col2Im.Nchw(q, columns, group, image.Span, start, end));
                        }
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
