using System.Buffers;

namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// 3-D convolution on channels-first volumes (see <see cref="Conv3DParameters"/>). Each image and group is unfolded by
/// <see cref="Vol2Col"/> into columns for a run of output depth slices and multiplied by the group's weights in one GEMM,
/// the output voxels as its wide dimension; runs are sized so the columns stay within a fixed budget. 1x1x1 stride-1
/// unpadded convolutions are a GEMM on the input itself.
/// </summary>
public static class Conv3D
{
    // Each worker should unfold at least this many floats, or thread start-up costs more than it saves.
    private const int MinFloatsPerWorker = 16384;

    // Upper bound on one run's column matrix (16 MB), so deep volumes do not need terms x all output voxels at once.
    private const int MaxColumnFloats = 4 << 20;

    /// <summary>output = conv(input, weights) + bias. An empty <paramref name="bias"/> means no bias.</summary>
    public static void Forward(in Conv3DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output)
    {
        p.ValidateBuffers(input.Length, weights.Length, bias.Length, output.Length);
        var outVoxels = p.OutDepth * p.OutHeight * p.OutWidth;
        if (!bias.IsEmpty) ConvBias.Fill(Layout.Nchw, bias, output, p.OutChannels, outVoxels);
        var beta = bias.IsEmpty ? 0f : 1f;
        var pointwise = p is { KernelDepth: 1, KernelHeight: 1, KernelWidth: 1, StrideDepth: 1, StrideHeight: 1, StrideWidth: 1,
            PadFront: 0, PadBack: 0, PadTop: 0, PadBottom: 0, PadLeft: 0, PadRight: 0 };
        if (pointwise) Pointwise(p, input, weights, output, beta);
        else Unfolded(p, input, weights, output, beta);
    }

    // [Cout/groups, Cin/groups] x [Cin/groups, D*H*W] per image and group.
    private static void Pointwise(in Conv3DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, Span<float> output, float beta)
    {
        int cinG = p.InChannelsPerGroup, coutG = p.OutChannelsPerGroup, voxels = p.InDepth * p.InHeight * p.InWidth;
        for (var n = 0; n < p.Batch; n++)
        for (var g = 0; g < p.Groups; g++)
        {
            Gemm.Multiply(coutG, voxels, cinG,
                weights[(g * coutG * cinG)..], cinG, false,
                input[((n * p.InChannels + g * cinG) * voxels)..], voxels, false,
                output[((n * p.OutChannels + g * coutG) * voxels)..], voxels, 1f, beta);
        }
    }

    // weights [Cout/groups, Cin/groups*KD*KH*KW] x vol2col [Cin/groups*KD*KH*KW, slices*Hout*Wout] per image, group and
    // run of output depth slices, written straight into the output rows (row stride Dout*Hout*Wout).
    private static unsafe void Unfolded(in Conv3DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, Span<float> output, float beta)
    {
        var q = p;
        int outPlane = p.OutHeight * p.OutWidth, outVoxels = p.OutDepth * outPlane, terms = p.TermsPerOutput, coutG = p.OutChannelsPerGroup;
        var volumeLength = p.InChannels * p.InDepth * p.InHeight * p.InWidth;
        var slicesPerRun = (int)Math.Clamp(MaxColumnFloats / ((long)terms * outPlane), 1, p.OutDepth);
        var columns = ArrayPool<float>.Shared.Rent(terms * slicesPerRun * outPlane);
        try
        {
            fixed (float* inputPointer = input)
            {
                for (var n = 0; n < p.Batch; n++)
                {
                    var volume = new PinnedFloats(inputPointer + (long)n * volumeLength, volumeLength);
                    for (var g = 0; g < p.Groups; g++)
                    for (var odStart = 0; odStart < p.OutDepth; odStart += slicesPerRun)
                    {
                        var (group, start, count) = (g, odStart, Math.Min(slicesPerRun, p.OutDepth - odStart));
                        var width = count * outPlane;
                        var minRows = Math.Max(1, MinFloatsPerWorker / width);
                        Parallelism.For(terms, minRows, (first, end) => Vol2Col.Rows(q, volume.Span, group, start, count, columns, first, end));
                        Gemm.Multiply(coutG, width, terms,
                            weights[(g * coutG * terms)..], terms, false,
                            columns, width, false,
                            output[((n * p.OutChannels + g * coutG) * outVoxels + odStart * outPlane)..], outVoxels, 1f, beta);
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
