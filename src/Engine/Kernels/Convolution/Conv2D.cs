using System.Buffers;

namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// 2-D convolution in NHWC or NCHW (see <see cref="Conv2DParameters"/> for the layouts). Grouped convolutions
/// unfold each image with <see cref="Im2Col"/> into one GEMM per group, the output pixels as its wide dimension; 1x1 stride-1 unpadded convolutions are
/// a GEMM on the input itself; depthwise convolutions (groups == Cin) use <see cref="DepthwiseConv2D"/>.
/// </summary>
public static class Conv2D
{
    // Each worker should unfold at least this many floats, or thread start-up costs more than it saves.
    private const int MinFloatsPerWorker = 16384;

    /// <summary>output = conv(input, weights) + bias. An empty <paramref name="bias"/> means no bias.</summary>
    public static void Forward(in Conv2DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output)
    {
        p.ValidateBuffers(input.Length, weights.Length, bias.Length, output.Length);
        if (p.Groups > 1 && p.Groups == p.InChannels)
        {
            DepthwiseConv2D.Forward(p, input, weights, bias, output);
            return;
        }
        var pointwise = p is { KernelHeight: 1, KernelWidth: 1, StrideHeight: 1, StrideWidth: 1, PadTop: 0, PadBottom: 0, PadLeft: 0, PadRight: 0 };
        if (p.Layout == Layout.Nhwc && !pointwise)
        {
            UnfoldedNhwc(p, input, weights, bias, output);
            return;
        }
        if (!bias.IsEmpty) ConvBias.Fill(p.Layout, bias, output, p.OutChannels, p.OutHeight * p.OutWidth);
        var beta = bias.IsEmpty ? 0f : 1f;
        if (p.Layout == Layout.Nhwc)
        {
            PointwiseNhwc(p, input, weights, output, beta);
        }
        else
        {
            if (pointwise) PointwiseNchw(p, input, weights, output, beta);
            else UnfoldedNchw(p, input, weights, output, beta);
        }
    }

    // [N*H*W, Cin/groups] x [Cin/groups, Cout/groups] per group, reading the group's channel columns in place.
    private static void PointwiseNhwc(in Conv2DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, Span<float> output, float beta)
    {
        int cinG = p.InChannelsPerGroup, coutG = p.OutChannelsPerGroup, pixels = p.Batch * p.InHeight * p.InWidth;
        for (var g = 0; g < p.Groups; g++)
        {
            Gemm.Multiply(pixels, coutG, cinG,
                input[(g * cinG)..], p.InChannels, false,
                weights[(g * coutG)..], p.OutChannels, false,
                output[(g * coutG)..], p.OutChannels, 1f, beta);
        }
    }

    // [Cout/groups, Cin/groups] x [Cin/groups, H*W] per image and group.
    private static void PointwiseNchw(in Conv2DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, Span<float> output, float beta)
    {
        int cinG = p.InChannelsPerGroup, coutG = p.OutChannelsPerGroup, plane = p.InHeight * p.InWidth;
        for (var n = 0; n < p.Batch; n++)
        for (var g = 0; g < p.Groups; g++)
        {
            Gemm.Multiply(coutG, plane, cinG,
                weights[(g * coutG * cinG)..], cinG, false,
                input[((n * p.InChannels + g * cinG) * plane)..], plane, false,
                output[((n * p.OutChannels + g * coutG) * plane)..], plane, 1f, beta);
        }
    }

    // weights^T [Cout/groups, KH*KW*Cin/groups] x im2col [KH*KW*Cin/groups, Hout*Wout] per image and group into
    // channel planes, transposed into the NHWC output at the end. The direct product im2col^T x weights has only
    // Cout/groups columns, too few for the GEMM's wide register tile, so packing the tall im2col would dominate; this
    // way the pixels are the wide side, as in NCHW, for the price of transposing the image in and the result out.
    private static unsafe void UnfoldedNhwc(in Conv2DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output)
    {
        var q = p;
        int inPixels = p.InHeight * p.InWidth, outPixels = p.OutHeight * p.OutWidth, terms = p.TermsPerOutput, coutG = p.OutChannelsPerGroup;
        int imageLength = inPixels * p.InChannels, outImageLength = outPixels * p.OutChannels;
        var planes = ArrayPool<float>.Shared.Rent(imageLength);
        var columns = ArrayPool<float>.Shared.Rent(outPixels * terms);
        var products = ArrayPool<float>.Shared.Rent(outImageLength);
        try
        {
            fixed (float* planesPointer = planes)
            {
                var image = new PinnedFloats(planesPointer, imageLength);
                var minRows = Math.Max(1, MinFloatsPerWorker / outPixels);
                var beta = bias.IsEmpty ? 0f : 1f;
                for (var n = 0; n < p.Batch; n++)
                {
                    Transpose.Run(input.Slice(n * imageLength, imageLength), [inPixels, p.InChannels], [1, 0], planes.AsSpan(0, imageLength));
                    var result = products.AsSpan(0, outImageLength);
                    if (!bias.IsEmpty) ConvBias.Fill(Layout.Nchw, bias, result, p.OutChannels, outPixels);
                    for (var g = 0; g < p.Groups; g++)
                    {
                        var group = g;
                        Parallelism.For(terms, minRows, (start, end) => Im2Col.TapMajor(q, image.Span, group, columns, start, end));
                        Gemm.Multiply(coutG, outPixels, terms,
                            weights[(g * coutG)..], p.OutChannels, true,
                            columns, outPixels, false,
                            result[(g * coutG * outPixels)..], outPixels, 1f, beta);
                    }
                    Transpose.Run<float>(result, [p.OutChannels, outPixels], [1, 0], output.Slice(n * outImageLength, outImageLength));
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(products);
            ArrayPool<float>.Shared.Return(columns);
            ArrayPool<float>.Shared.Return(planes);
        }
    }

    // weights [Cout/groups, Cin/groups*KH*KW] x im2col [Cin/groups*KH*KW, Hout*Wout] per image and group.
    private static unsafe void UnfoldedNchw(in Conv2DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, Span<float> output, float beta)
    {
        var q = p;
        int outPixels = p.OutHeight * p.OutWidth, terms = p.TermsPerOutput, coutG = p.OutChannelsPerGroup;
        int imageLength = p.InHeight * p.InWidth * p.InChannels;
        var columns = ArrayPool<float>.Shared.Rent(outPixels * terms);
        try
        {
            fixed (float* inputPointer = input)
            {
                var minRows = Math.Max(1, MinFloatsPerWorker / outPixels);
                for (var n = 0; n < p.Batch; n++)
                {
                    var image = new PinnedFloats(inputPointer + n * imageLength, imageLength);
                    for (var g = 0; g < p.Groups; g++)
                    {
                        var group = g;
                        Parallelism.For(terms, minRows, (start, end) => Im2Col.ChannelMajor(q, image.Span, group, columns, start, end));
                        Gemm.Multiply(coutG, outPixels, terms,
                            weights[(g * coutG * terms)..], terms, false,
                            columns, outPixels, false,
                            output[((n * p.OutChannels + g * coutG) * outPixels)..], outPixels, 1f, beta);
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
