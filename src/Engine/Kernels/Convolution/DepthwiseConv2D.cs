using System.Buffers;
using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// Depthwise convolution (groups == Cin, Cout = Cin * multiplier; output channel c*multiplier + j reads input channel c).
/// NHWC keeps one vector of channels per output pixel in registers across all taps; NCHW keeps one vector of output
/// columns in registers (vectorized over width when the stride is 1).
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

    // One output row (n, co, oy) of an NCHW depthwise conv. Columns whose taps all lie inside the input row need no
    // bounds checks; with stride 1 they are computed a vector of columns at a time, each tap a broadcast FMA.
    private static void NchwRow(in Conv2DParameters p, float* input, float* weights, float* bias, float* output, int row)
    {
        int outH = p.OutHeight, outW = p.OutWidth, kh = p.KernelHeight, kw = p.KernelWidth;
        int inW = p.InWidth, strideW = p.StrideWidth, padLeft = p.PadLeft, dilationH = p.DilationHeight, dilationW = p.DilationWidth;
        var multiplier = p.OutChannels / p.InChannels;
        int oy = row % outH, co = row / outH % p.OutChannels, n = row / outH / p.OutChannels;
        var iy0 = oy * p.StrideHeight - p.PadTop;
        var (kyLow, kyHigh) = ConvGeometry.ValidTaps(iy0, dilationH, p.InHeight, kh);
        // Row ky of the window starts at top + ky * rowStep.
        var top = input + (((long)n * p.InChannels + co / multiplier) * p.InHeight + iy0) * inW;
        var rowStep = (long)dilationH * inW;
        var taps = weights + (long)co * kh * kw;
        var dst = output + (long)row * outW;
        var b = bias is null ? 0f : bias[co];
        var lastTap = (kw - 1) * dilationW;
        var interiorStart = Math.Min(outW, (padLeft + strideW - 1) / strideW);
        var interiorEnd = inW - 1 + padLeft - lastTap < 0 ? 0 : Math.Min(outW, (inW - 1 + padLeft - lastTap) / strideW + 1);
        interiorEnd = Math.Max(interiorStart, interiorEnd);

        var ox = 0;
        for (; ox < interiorStart; ox++) dst[ox] = CheckedColumn(top, rowStep, taps, b, kyLow, kyHigh, kw, inW, ox * strideW - padLeft, dilationW);
        if (strideW == 1 && Vector512.IsHardwareAccelerated)
        {
            for (; ox <= interiorEnd - Vector512<float>.Count; ox += Vector512<float>.Count)
            {
                var acc = Vector512.Create(b);
                for (var ky = kyLow; ky < kyHigh; ky++)
                {
                    var src = top + ky * rowStep + ox - padLeft;
                    var w = taps + ky * kw;
                    for (var kx = 0; kx < kw; kx++) acc = Vector512.FusedMultiplyAdd(Vector512.Load(src + kx * dilationW), Vector512.Create(w[kx]), acc);
                }
                acc.Store(dst + ox);
            }
        }
        if (strideW == 1 && Vector256.IsHardwareAccelerated)
        {
            for (; ox <= interiorEnd - Vector256<float>.Count; ox += Vector256<float>.Count)
            {
                var acc = Vector256.Create(b);
                for (var ky = kyLow; ky < kyHigh; ky++)
                {
                    var src = top + ky * rowStep + ox - padLeft;
                    var w = taps + ky * kw;
                    for (var kx = 0; kx < kw; kx++) acc = Vector256.FusedMultiplyAdd(Vector256.Load(src + kx * dilationW), Vector256.Create(w[kx]), acc);
                }
                acc.Store(dst + ox);
            }
        }
        for (; ox < outW; ox++) dst[ox] = CheckedColumn(top, rowStep, taps, b, kyLow, kyHigh, kw, inW, ox * strideW - padLeft, dilationW);
    }

    // One output column starting at input column ix0, skipping taps outside the row. A static method rather than a
    // local function: capturing the row's locals would keep them out of registers in the vector loops.
    private static float CheckedColumn(float* top, long rowStep, float* taps, float bias, int kyLow, int kyHigh, int kw, int inW, int ix0, int dilationW)
    {
        var (kxLow, kxHigh) = ConvGeometry.ValidTaps(ix0, dilationW, inW, kw);
        var acc = bias;
        for (var ky = kyLow; ky < kyHigh; ky++)
        {
            var src = top + ky * rowStep + ix0;
            var w = taps + ky * kw;
            for (var kx = kxLow; kx < kxHigh; kx++) acc += src[kx * dilationW] * w[kx];
        }
        return acc;
    }
}
