using Parity.Engine.Kernels.Reductions;

namespace Parity.Engine.Kernels.Pooling;

/// <summary>Global pooling: one value per sample and channel over every spatial position, via <see cref="Reduction"/>.</summary>
public static class GlobalPool
{
    /// <summary>
    /// <paramref name="shape"/> is [N, C, spatial...] (NCHW) or [N, spatial..., C] (NHWC); <paramref name="output"/>
    /// holds N·C values in [N, C] order (with or without the kept size-1 spatial axes, the order is the same).
    /// </summary>
    public static void Run(ReadOnlySpan<float> input, ReadOnlySpan<int> shape, Layout layout, PoolKind kind, Span<float> output)
    {
        if (shape.Length < 3)
        {
            throw new ArgumentException($"Global pooling needs a batch, a channel and at least one spatial axis; got shape [{string.Join(", ", shape.ToArray())}].", nameof(shape));
        }
        var spatial = layout == Layout.Nchw
            ? Enumerable.Range(2, shape.Length - 2).ToArray()
            : Enumerable.Range(1, shape.Length - 2).ToArray();
        var reduction = kind switch
        {
            PoolKind.Max => ReductionKind.Max,
            PoolKind.Average => ReductionKind.Mean,
            PoolKind.L2 => ReductionKind.L2,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown pooling kind."),
        };
        Reduction.Reduce(reduction, input, shape, spatial, output);
    }
}
