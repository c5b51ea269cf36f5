using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Pooling;
using Parity.Engine.Ops.Pooling;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// max_pool, avg_pool and l2_pool on channels-first [N, C, W], [N, C, H, W] or [N, C, D, H, W] data (MIL pool.py). ceil_mode
/// counts a last, partial window when it starts inside the padded input (PyTorch's rule, which the converter carries over).
/// </summary>
internal static class MilPoolingOps
{
    public static void MaxPool(MilOpContext context) => Pool(context, PoolKind.Max, countPadding: false);

    /// <summary>exclude_padding_from_average (default false) leaves padded positions out of each window's divisor.</summary>
    public static void AvgPool(MilOpContext context) => Pool(context, PoolKind.Average, !context.Bool("exclude_padding_from_average", false));

    public static void L2Pool(MilOpContext context) => Pool(context, PoolKind.L2, countPadding: false);

    private static void Pool(MilOpContext context, PoolKind kind, bool countPadding)
    {
        var x = context.Input("x");
        var shape = context.ShapeOf(x);
        var spatial = shape.Rank - 2;
        if (spatial is not (1 or 2 or 3)) throw context.Unsupported($"pooling a rank-{shape.Rank} input {shape} is not executed (1-D, 2-D and 3-D are).");
        var kernel = MilPadding.PerAxis(context, "kernel_sizes", spatial, required: true);
        var strides = MilPadding.PerAxis(context, "strides", spatial);
        var sizes = shape.ToArray()[2..];
        var (begin, end) = MilPadding.Resolve(context, sizes, kernel, strides, Enumerable.Repeat(1, spatial).ToArray());
        if (context.Bool("ceil_mode", false))
        {
            for (var i = 0; i < spatial; i++) end[i] += CeilExtra(sizes[i], begin[i], end[i], kernel[i], strides[i]);
        }
        switch (spatial)
        {
            case 1:
                context.Emit(new Pooling1D(Layout.Nchw, kind, kernel[0], strides[0], begin[0], end[0], countPadding), x);
                break;
            case 2:
                var parameters = new Pool2DParameters(kind, kernel[0], kernel[1], strides[0], strides[1], begin[0], end[0], begin[1], end[1], countPadding);
                context.Emit(new Pooling2D(Layout.Nchw, parameters), x);
                break;
            default:
                var window = new Pool3DParameters(kind, kernel[0], kernel[1], kernel[2], strides[0], strides[1], strides[2],
                    begin[0], end[0], begin[1], end[1], begin[2], end[2], countPadding);
                context.Emit(new Pooling3D(window), x);
                break;
        }
    }

    /// <summary>End padding that turns the floor output size into the ceil one, dropping a last window that would start in the end padding.</summary>
    private static int CeilExtra(int size, int begin, int end, int kernel, int stride)
    {
        var span = size + begin + end - kernel;
        if (span < 0) return 0;
        var outputs = (span + stride - 1) / stride + 1;
        if ((outputs - 1) * stride >= size + begin) outputs--;
        return Math.Max(0, (outputs - 1) * stride + kernel - (size + begin + end));
    }
}
