using System.Numerics.Tensors;

namespace Parity.Engine.Kernels.Pooling;

/// <summary>
/// 3-D max, average and L2 pooling over channels-first [N, C, D, H, W] float32 volumes. For each output row the
/// window's input rows (its depth slices times its rows) fold into one input-width row with vector passes; each output
/// then combines its columns of that row. Work splits over batch × channels × output depth × output rows.
/// </summary>
public static class Pool3D
{
    /// <summary>Pools <paramref name="input"/> [N, C, D, H, W] into <paramref name="output"/> [N, C, Dout, Hout, Wout].</summary>
    public static unsafe void Run(
        ReadOnlySpan<float> input, int batch, int channels, int depth, int height, int width,
        in Pool3DParameters p, Span<float> output)
    {
        p.Validate(depth, height, width);
        if (batch < 0 || channels < 0) throw new ArgumentException($"3-D pooling: batch {batch} and channels {channels} must be non-negative.", nameof(batch));
        var geometry = new Geometry(depth, height, width, p.OutputDepth(depth), p.OutputHeight(height), p.OutputWidth(width), p);
        var inputCount = (long)batch * channels * depth * height * width;
        var outputCount = (long)batch * channels * geometry.OutDepth * geometry.OutHeight * geometry.OutWidth;
        if (input.Length != inputCount)
        {
            throw new ArgumentException($"3-D pooling: the input holds {input.Length} values, expected {batch}x{channels}x{depth}x{height}x{width} = {inputCount}.", nameof(input));
        }
        if (output.Length != outputCount)
        {
            throw new ArgumentException(
                $"3-D pooling: the output holds {output.Length} values, expected {batch}x{channels}x{geometry.OutDepth}x{geometry.OutHeight}x{geometry.OutWidth} = {outputCount}.", nameof(output));
        }
        if (outputCount == 0) return;

        fixed (float* src = input, dst = output)
        {
            var (source, destination) = ((nint)src, (nint)dst);
            var rows = batch * channels * geometry.OutDepth * geometry.OutHeight;
            var work = width * p.KernelDepth * p.KernelHeight + geometry.OutWidth * p.KernelWidth;
            Parallelism.For(rows, Math.Max(1, 4096 / work), (start, end) =>
            {
                Span<float> folded = width <= 2048 ? stackalloc float[width] : new float[width];
                for (var row = start; row < end; row++) OutputRow((float*)source, (float*)destination, row, geometry, folded);
            });
        }
    }

    private readonly record struct Geometry(int Depth, int Height, int Width, int OutDepth, int OutHeight, int OutWidth, Pool3DParameters P)
    {
        /// <summary>The real input indices [first, end) under output index <paramref name="o"/> of an axis.</summary>
        public static (int First, int End) Window(int o, int stride, int padBefore, int kernel, int size)
        {
            var start = o * stride - padBefore;
            return (Math.Max(0, start), Math.Min(size, start + kernel));
        }

        public float Divisor(int realCount) => P.CountPadding ? P.KernelDepth * P.KernelHeight * P.KernelWidth : realCount;
    }

    // Output row `row` enumerates (plane = n*C + c, od, oh); its window rows fold into `folded`, then each output column
    // combines its window's columns of that row.
    private static unsafe void OutputRow(float* src, float* dst, int row, Geometry g, Span<float> folded)
    {
        var p = g.P;
        var oh = row % g.OutHeight;
        var od = row / g.OutHeight % g.OutDepth;
        var plane = row / (g.OutHeight * g.OutDepth);
        var volume = src + (long)plane * g.Depth * g.Height * g.Width;
        var output = new Span<float>(dst + (long)row * g.OutWidth, g.OutWidth);
        var (d0, d1) = Geometry.Window(od, p.StrideDepth, p.PadFront, p.KernelDepth, g.Depth);
        var (r0, r1) = Geometry.Window(oh, p.StrideHeight, p.PadTop, p.KernelHeight, g.Height);
        var first = true;
        for (var id = d0; id < d1; id++)
        for (var ih = r0; ih < r1; ih++)
        {
            Combine(p.Kind, new ReadOnlySpan<float>(volume + ((long)id * g.Height + ih) * g.Width, g.Width), folded, first);
            first = false;
        }
        var slabs = (d1 - d0) * (r1 - r0);
        for (var ow = 0; ow < g.OutWidth; ow++)
        {
            var (c0, c1) = Geometry.Window(ow, p.StrideWidth, p.PadLeft, p.KernelWidth, g.Width);
            var acc = folded[c0];
            for (var iw = c0 + 1; iw < c1; iw++) acc = p.Kind == PoolKind.Max ? MathF.Max(acc, folded[iw]) : acc + folded[iw];
            output[ow] = p.Kind switch
            {
                PoolKind.Max => acc,
                PoolKind.Average => acc / g.Divisor(slabs * (c1 - c0)),
                _ => MathF.Sqrt(acc),
            };
        }
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
}
