using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// Depthwise convolution (groups == Cin, Cout = Cin * multiplier; output channel c*multiplier + j reads input channel c).
/// NHWC keeps one vector of channels per output pixel in registers across all taps; NCHW runs along output rows,
/// vectorized over width when the stride is 1.
/// </summary>
internal static unsafe class DepthwiseConv2D
{
    private const int MinOutputsPerWorker = 8192;

    public static void Forward(in Conv2DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output)
    {
        if (p.Layout == Layout.Nhwc) Nhwc(p, input, weights, bias, output);
        else Nchw(p, input, weights, bias, output);
    }

    private static void Nhwc(in Conv2DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output)
    {
        var q = p;
        var multiplier = p.OutChannels / p.InChannels;
        float[]? expanded = null;
        try
        {
            // With a multiplier, repeat each input channel so input and weight channels line up one to one.
            if (multiplier > 1)
            {
                var pixels = p.Batch * p.InHeight * p.InWidth;
                expanded = ArrayPool<float>.Shared.Rent(pixels * p.OutChannels);
                for (var i = 0; i < pixels; i++)
                for (var c = 0; c < p.InChannels; c++)
                {
                    expanded.AsSpan((i * p.InChannels + c) * multiplier, multiplier).Fill(input[i * p.InChannels + c]);
                }
            }
            var source = expanded is null ? input : expanded.AsSpan(0, p.Batch * p.InHeight * p.InWidth * p.OutChannels);
            fixed (float* src = source, w = weights, b = bias, dst = output)
            {
                var s = new PinnedFloats(src, source.Length);
                var wp = new PinnedFloats(w, weights.Length);
                var bp = new PinnedFloats(b, bias.Length);
                var op = new PinnedFloats(dst, output.Length);
                var rows = p.Batch * p.OutHeight;
                var minRows = Math.Max(1, MinOutputsPerWorker / (p.OutWidth * p.OutChannels));
                Parallelism.For(rows, minRows, (start, end) =>
                {
                    for (var row = start; row < end; row++) NhwcRow(q, s.Pointer, wp.Pointer, bp.Length == 0 ? null : bp.Pointer, op.Pointer, row);
                });
            }
        }
        finally
        {
            if (expanded is not null) ArrayPool<float>.Shared.Return(expanded);
        }
    }

    // One output row (n, oy) of an NHWC depthwise conv whose source already has Cout channels. Geometry is copied
    // into locals: p lives in a closure on the heap, and the JIT would otherwise reload it after every store.
    private static void NhwcRow(in Conv2DParameters p, float* source, float* weights, float* bias, float* output, int row)
    {
        int channels = p.OutChannels, outH = p.OutHeight, outW = p.OutWidth, kw = p.KernelWidth;
        int inW = p.InWidth, strideW = p.StrideWidth, padLeft = p.PadLeft, dilationH = p.DilationHeight, dilationW = p.DilationWidth;
        int n = row / outH, oy = row % outH;
        var iy0 = oy * p.StrideHeight - p.PadTop;
        var (kyLow, kyHigh) = ConvGeometry.ValidTaps(iy0, dilationH, p.InHeight, p.KernelHeight);
        // Row ky of the window starts at top + ky * rowStep; tap kx adds kx * tapStep.
        var top = source + ((long)n * p.InHeight + iy0) * inW * channels;
        var rowStep = (long)dilationH * inW * channels;
        var tapStep = dilationW * channels;
        for (var ox = 0; ox < outW; ox++)
        {
            var ix0 = ox * strideW - padLeft;
            var (kxLow, kxHigh) = ConvGeometry.ValidTaps(ix0, dilationW, inW, kw);
            var o = output + ((long)row * outW + ox) * channels;
            var window = top + (long)ix0 * channels;
            var c = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; c <= channels - Vector512<float>.Count; c += Vector512<float>.Count)
                {
                    var acc = bias is null ? Vector512<float>.Zero : Vector512.Load(bias + c);
                    for (var ky = kyLow; ky < kyHigh; ky++)
                    {
                        var pixels = window + ky * rowStep + c;
                        var taps = weights + ky * kw * channels + c;
                        for (var kx = kxLow; kx < kxHigh; kx++)
                        {
                            acc = Vector512.FusedMultiplyAdd(Vector512.Load(pixels + kx * tapStep), Vector512.Load(taps + kx * channels), acc);
                        }
                    }
                    acc.Store(o + c);
                }
            }
            if (Vector256.IsHardwareAccelerated)
            {
                for (; c <= channels - Vector256<float>.Count; c += Vector256<float>.Count)
                {
                    var acc = bias is null ? Vector256<float>.Zero : Vector256.Load(bias + c);
                    for (var ky = kyLow; ky < kyHigh; ky++)
                    {
                        var pixels = window + ky * rowStep + c;
                        var taps = weights + ky * kw * channels + c;
                        for (var kx = kxLow; kx < kxHigh; kx++)
                        {
                            acc = Vector256.FusedMultiplyAdd(Vector256.Load(pixels + kx * tapStep), Vector256.Load(taps + kx * channels), acc);
                        }
                    }
                    acc.Store(o + c);
                }
            }
            for (; c < channels; c++)
            {
                var acc = bias is null ? 0f : bias[c];
                for (var ky = kyLow; ky < kyHigh; ky++)
                {
                    var pixels = window + ky * rowStep + c;
                    var taps = weights + ky * kw * channels + c;
                    for (var kx = kxLow; kx < kxHigh; kx++) acc += pixels[kx * tapStep] * taps[kx * channels];
                }
                o[c] = acc;
            }
        }
    }

    private static void Nchw(in Conv2DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output)
    {
        var q = p;
        fixed (float* src = input, w = weights, b = bias, dst = output)
        {
            var s = new PinnedFloats(src, input.Length);
            var wp = new PinnedFloats(w, weights.Length);
            var bp = new PinnedFloats(b, bias.Length);
            var op = new PinnedFloats(dst, output.Length);
            var rows = p.Batch * p.OutChannels * p.OutHeight;
            var minRows = Math.Max(1, MinOutputsPerWorker / p.OutWidth);
            Parallelism.For(rows, minRows, (start, end) =>
            {
                for (var row = start; row < end; row++) NchwRow(q, s.Pointer, wp.Pointer, bp.Length == 0 ? null : bp.Pointer, op.Pointer, row);
            });
        }
    }

    // One output row (n, co, oy) of an NCHW depthwise conv: a sum of shifted, scaled input rows.
    private static void NchwRow(in Conv2DParameters p, float* input, float* weights, float* bias, float* output, int row)
    {
        int outH = p.OutHeight, outW = p.OutWidth, kh = p.KernelHeight, kw = p.KernelWidth;
        var multiplier = p.OutChannels / p.InChannels;
        int oy = row % outH, co = row / outH % p.OutChannels, n = row / outH / p.OutChannels;
        var plane = input + ((long)n * p.InChannels + co / multiplier) * p.InHeight * p.InWidth;
        var dst = new Span<float>(output + (long)row * outW, outW);
        dst.Fill(bias is null ? 0f : bias[co]);
        var iy0 = oy * p.StrideHeight - p.PadTop;
        var (kyLow, kyHigh) = ConvGeometry.ValidTaps(iy0, p.DilationHeight, p.InHeight, kh);
        for (var ky = kyLow; ky < kyHigh; ky++)
        {
            var src = plane + (long)(iy0 + ky * p.DilationHeight) * p.InWidth;
            for (var kx = 0; kx < kw; kx++)
            {
                var tap = weights[(co * kh + ky) * kw + kx];
                var offset = kx * p.DilationWidth - p.PadLeft;
                var (oxLow, oxHigh) = ConvGeometry.ValidTaps(offset, p.StrideWidth, p.InWidth, outW);
                if (oxLow == oxHigh) continue;
                var segment = dst[oxLow..oxHigh];
                if (p.StrideWidth == 1)
                {
                    TensorPrimitives.FusedMultiplyAdd(new ReadOnlySpan<float>(src + oxLow + offset, segment.Length), tap, segment, segment);
                    continue;
                }
                for (var ox = oxLow; ox < oxHigh; ox++) dst[ox] += src[ox * p.StrideWidth + offset] * tap;
            }
        }
    }
}
