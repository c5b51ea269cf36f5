using System.Numerics.Tensors;

namespace Parity.Engine.Kernels.Pooling;

/// <summary>
/// 2-D max, average and L2 pooling over NHWC or NCHW float32 tensors. NHWC vectorizes over channels (a window
/// combines whole channel rows); NCHW first folds a window's input rows into one row with vector passes, then takes
/// each output from that row (vectorized for stride 1 inside the row, short scalar loops elsewhere). Work splits over
/// batch × output rows.
/// </summary>
public static class Pool2D
{
    /// <summary>
    /// Pools <paramref name="input"/> ([N, H, W, C] or [N, C, H, W]) into <paramref name="output"/>
    /// ([N, outH, outW, C] or [N, C, outH, outW], sizes from <see cref="Pool2DParameters.OutputHeight"/> and Width).
    /// </summary>
    public static unsafe void Run(
        ReadOnlySpan<float> input, Layout layout, int batch, int height, int width, int channels,
        in Pool2DParameters p, Span<float> output)
    {
        p.Validate(height, width);
        if (batch < 0 || channels < 0) throw new ArgumentException($"Pooling: batch {batch} and channels {channels} must be non-negative.", nameof(batch));
        var outH = p.OutputHeight(height);
        var outW = p.OutputWidth(width);
        var inputCount = (long)batch * height * width * channels;
        var outputCount = (long)batch * outH * outW * channels;
        if (input.Length != inputCount) throw new ArgumentException($"Pooling: the input holds {input.Length} values, expected {batch}x{height}x{width}x{channels} = {inputCount}.", nameof(input));
        if (output.Length != outputCount) throw new ArgumentException($"Pooling: the output holds {output.Length} values, expected {batch}x{outH}x{outW}x{channels} = {outputCount}.", nameof(output));
        if (outputCount == 0) return;

        var geometry = new Geometry(height, width, channels, outH, outW, p);
        fixed (float* src = input, dst = output)
        {
            var source = (nint)src;
            var destination = (nint)dst;
            if (layout == Layout.Nhwc)
            {
                Parallelism.For(batch * outH, Math.Max(1, 4096 / (outW * channels * p.KernelHeight * p.KernelWidth)), (start, end) =>
                {
                    for (var row = start; row < end; row++) NhwcRow((float*)source, (float*)destination, row / outH, row % outH, geometry);
                });
            }
            else
            {
                Parallelism.For(batch * channels * outH, Math.Max(1, 4096 / (width * p.KernelHeight + outW * p.KernelWidth)), (start, end) =>
                {
                    Span<float> folded = width <= 2048 ? stackalloc float[width] : new float[width];
                    for (var row = start; row < end; row++) NchwRow((float*)source, (float*)destination, row / outH, row % outH, geometry, folded);
                });
            }
        }
    }

    private readonly record struct Geometry(int Height, int Width, int Channels, int OutHeight, int OutWidth, Pool2DParameters P)
    {
        /// <summary>The input rows [first, end) under output row <paramref name="oh"/>.</summary>
        public (int First, int End) Rows(int oh)
        {
            var top = oh * P.StrideHeight - P.PadTop;
            return (Math.Max(0, top), Math.Min(Height, top + P.KernelHeight));
        }

        /// <summary>The input columns [first, end) under output column <paramref name="ow"/>.</summary>
        public (int First, int End) Columns(int ow)
        {
            var left = ow * P.StrideWidth - P.PadLeft;
            return (Math.Max(0, left), Math.Min(Width, left + P.KernelWidth));
        }

        public float Divisor(int realCount) => P.CountPadding ? P.KernelHeight * P.KernelWidth : realCount;
    }

    // One output row of every channel: each window folds whole channel vectors together.
    private static unsafe void NhwcRow(float* src, float* dst, int n, int oh, Geometry g)
    {
        var c = g.Channels;
        var (r0, r1) = g.Rows(oh);
        for (var ow = 0; ow < g.OutWidth; ow++)
        {
            var (c0, c1) = g.Columns(ow);
            var acc = new Span<float>(dst + (((long)n * g.OutHeight + oh) * g.OutWidth + ow) * c, c);
            var first = true;
            for (var ih = r0; ih < r1; ih++)
            {
                for (var iw = c0; iw < c1; iw++)
                {
                    var x = new ReadOnlySpan<float>(src + (((long)n * g.Height + ih) * g.Width + iw) * c, c);
                    Combine(g.P.Kind, x, acc, first);
                    first = false;
                }
            }
            Finish(g.P.Kind, acc, g.Divisor((r1 - r0) * (c1 - c0)));
        }
    }

    // One output row of one channel plane, separably: the window rows fold into one input-width row (a vector pass),
    // then each output takes its columns from that row; for stride 1 the interior is one shifted vector pass per column.
    private static unsafe void NchwRow(float* src, float* dst, int plane, int oh, Geometry g, Span<float> folded)
    {
        var p = g.P;
        var input = src + (long)plane * g.Height * g.Width;
        var output = new Span<float>(dst + ((long)plane * g.OutHeight + oh) * g.OutWidth, g.OutWidth);
        var (r0, r1) = g.Rows(oh);
        var rows = r1 - r0;
        for (var ih = r0; ih < r1; ih++) Combine(p.Kind, new ReadOnlySpan<float>(input + (long)ih * g.Width, g.Width), folded, ih == r0);

        // Output columns whose window lies fully inside the row take the vector path when the stride is 1.
        var lo = (p.PadLeft + p.StrideWidth - 1) / p.StrideWidth;
        var hi = Math.Min(g.OutWidth - 1, (g.Width - p.KernelWidth + p.PadLeft) / p.StrideWidth);
        if (p.StrideWidth != 1 || g.Width < p.KernelWidth || lo > hi)
        {
            lo = 0;
            hi = -1;
        }
        for (var ow = 0; ow < g.OutWidth; ow++)
        {
            if (ow == lo && hi >= lo)
            {
                ow = hi;
                continue;
            }
            var (c0, c1) = g.Columns(ow);
            var acc = folded[c0];
            for (var iw = c0 + 1; iw < c1; iw++) acc = p.Kind == PoolKind.Max ? MathF.Max(acc, folded[iw]) : acc + folded[iw];
            output[ow] = p.Kind switch
            {
                PoolKind.Max => acc,
                PoolKind.Average => acc / g.Divisor(rows * (c1 - c0)),
                _ => MathF.Sqrt(acc),
            };
        }
        if (hi < lo) return;

        var interior = output.Slice(lo, hi - lo + 1);
        for (var kw = 0; kw < p.KernelWidth; kw++)
        {
            var x = folded.Slice(lo - p.PadLeft + kw, interior.Length);
            if (kw == 0) x.CopyTo(interior);
            else if (p.Kind == PoolKind.Max) TensorPrimitives.Max(interior, x, interior);
            else TensorPrimitives.Add(interior, x, interior);
        }
        Finish(p.Kind, interior, g.Divisor(rows * p.KernelWidth));
    }

    private static void Combine(PoolKind kind, ReadOnlySpan<float> x, Span<float> acc, bool first)
    {
        if (first)
        {
            if (kind == PoolKind.L2) TensorPrimitives.Multiply(x, x, acc);
            else x.CopyTo(acc);
            return;
        }
        switch (kind)
        {
            case PoolKind.Max: TensorPrimitives.Max(acc, x, acc); break;
            case PoolKind.Average: TensorPrimitives.Add(acc, x, acc); break;
            default: TensorPrimitives.MultiplyAdd(x, x, acc, acc); break;
        }
    }

    private static void Finish(PoolKind kind, Span<float> acc, float divisor)
    {
        if (kind == PoolKind.Average) TensorPrimitives.Divide(acc, divisor, acc);
        else if (kind == PoolKind.L2) TensorPrimitives.Sqrt(acc, acc);
    }
}
