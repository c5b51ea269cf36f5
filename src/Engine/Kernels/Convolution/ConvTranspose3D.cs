using System.Buffers;

namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// 3-D transposed convolution on channels-first volumes (see <see cref="ConvTranspose3DParameters"/>): per image and
/// group one GEMM computes every (input voxel, kernel tap, output channel) product for a run of input depth slices, then
/// <see cref="Col2Vol"/> adds each product into the output voxel it lands on; runs are sized so the products stay within a
/// fixed budget.
/// </summary>
public static class ConvTranspose3D
{
    private const int MinFloatsPerWorker = 16384;

    // Upper bound on one run's product matrix (16 MB), so large volumes do not need taps x all input voxels at once.
    private const int MaxColumnFloats = 4 << 20;

    /// <summary>output = conv_transpose(input, weights) + bias. An empty <paramref name="bias"/> means no bias.</summary>
    public static unsafe void Forward(in ConvTranspose3DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output)
    {
        p.ValidateBuffers(input.Length, weights.Length, bias.Length, output.Length);
        var q = p;
        int inPlane = p.InHeight * p.InWidth, inVoxels = p.InDepth * inPlane, outVoxels = p.OutDepth * p.OutHeight * p.OutWidth;
        int cinG = p.InChannelsPerGroup, coutG = p.OutChannelsPerGroup, taps = p.TapsPerInput;
        var kernelVolume = p.KernelDepth * p.KernelHeight * p.KernelWidth;
        if (bias.IsEmpty) output.Clear();
        else ConvBias.Fill(Layout.Nchw, bias, output, p.OutChannels, outVoxels);
        var slicesPerRun = (int)Math.Clamp(MaxColumnFloats / ((long)taps * inPlane), 1, p.InDepth);
        var columns = ArrayPool<float>.Shared.Rent(taps * slicesPerRun * inPlane);
        try
        {
            fixed (float* outputPointer = output)
            {
                var imageLength = outVoxels * p.OutChannels;
                for (var n = 0; n < p.Batch; n++)
                {
                    var image = new PinnedFloats(outputPointer + (long)n * imageLength, imageLength);
                    for (var g = 0; g < p.Groups; g++)
                    for (var izStart = 0; izStart < p.InDepth; izStart += slicesPerRun)
                    {
                        var (group, first, slices) = (g, izStart, Math.Min(slicesPerRun, p.InDepth - izStart));
                        var width = slices * inPlane;
                        // [Cout/groups*KD*KH*KW, Cin/groups] x [Cin/groups, slices*H*W]; weights [Cin, Cout/groups, KD, KH, KW] are the
                        // transposed left side, the input slices are read in place (row stride D*H*W).
                        Gemm.Multiply(taps, width, cinG,
                            weights[(g * cinG * taps)..], taps, true,
                            input[((n * p.InChannels + g * cinG) * inVoxels + izStart * inPlane)..], inVoxels, false,
                            columns, width);
                        var minChannels = Math.Max(1, MinFloatsPerWorker / (width * kernelVolume));
                        Parallelism.For(coutG, minChannels, (start, end) => Col2Vol.Channels(q, columns, first, slices, group, image.Span, start, end));
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
