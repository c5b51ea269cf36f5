using System.Numerics.Tensors;
using Parity.Engine.Kernels.Reductions;

namespace Parity.Engine.Kernels.Normalization;

/// <summary>
/// Layer normalization y = γ[r]·(x - mean)/spread + β[r], with mean and population variance taken over the given
/// axes per sample, and γ, β indexed by position r within the normalized axes (row-major), as Keras
/// LayerNormalization, Core ML layerNormalization and MIL layer_norm define it. The axes must be adjacent.
/// </summary>
public static class LayerNorm
{
    // Columns of a strided run normalized per work item: small enough to spread one sample over cores.
    private const int Block = 64;

    /// <summary>
    /// Normalizes over <paramref name="axes"/> (e.g. [-1] for Keras' default). <paramref name="gamma"/> and
    /// <paramref name="beta"/> hold one value per normalized position, or are empty (1 and 0).
    /// </summary>
    public static unsafe void Run(
        ReadOnlySpan<float> input, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float epsilon, EpsilonPlacement placement, Span<float> output)
    {
        var (outer, reduced, inner) = ReductionPlan.SingleRun(shape, axes, "LayerNorm");
        ChannelView.CheckSizes(outer * reduced * inner, input.Length, output.Length, "LayerNorm");
        ChannelView.CheckLength(gamma, reduced, "gamma", "LayerNorm", allowEmpty: true);
        ChannelView.CheckLength(beta, reduced, "beta", "LayerNorm", allowEmpty: true);
        if (input.Length == 0) return;
        var g = gamma.ToArray();
        var b = beta.ToArray();

        fixed (float* src = input, dst = output)
        {
            var source = (nint)src;
            var destination = (nint)dst;
            if (inner == 1)
            {
                Parallelism.For(outer, Math.Max(1, 8192 / reduced), (start, end) =>
                {
                    for (var o = start; o < end; o++)
                    {
                        var offset = (long)o * reduced;
                        NormalizeRow(new ReadOnlySpan<float>((float*)source + offset, reduced), new Span<float>((float*)destination + offset, reduced), g, b, epsilon, placement);
                    }
                });
                return;
            }

            var blocks = (inner + Block - 1) / Block;
            Parallelism.For(outer * blocks, Math.Max(1, 8192 / (reduced * Math.Min(inner, Block))), (start, end) =>
            {
                Span<float> mean = stackalloc float[Block];
                Span<float> inverse = stackalloc float[Block];
                Span<float> scratch = stackalloc float[Block];
                for (var w = start; w < end; w++)
                {
                    var o = w / blocks;
                    var column = w % blocks * Block;
                    var n = Math.Min(Block, inner - column);
                    var block = (long)o * reduced * inner + column;
                    var m = mean[..n];
                    var inv = inverse[..n];
                    Moments.OfColumns((float*)source + block, reduced, inner, m, inv, scratch[..n]);
                    for (var i = 0; i < n; i++) inv[i] = placement.InverseSpread(inv[i], epsilon);
                    for (var r = 0; r < reduced; r++)
                    {
                        var x = new ReadOnlySpan<float>((float*)source + block + (long)r * inner, n);
                        var y = new Span<float>((float*)destination + block + (long)r * inner, n);
                        TensorPrimitives.Subtract(x, m, y);
                        TensorPrimitives.Multiply(y, inv, y);
                        if (g.Length > 0 || b.Length > 0) AffineRow.Apply(y, g.Length > 0 ? g[r] : 1f, b.Length > 0 ? b[r] : 0f, y);
                    }
                }
            });
        }
    }

    private static void NormalizeRow(ReadOnlySpan<float> x, Span<float> y, float[] gamma, float[] beta, float epsilon, EpsilonPlacement placement)
    {
        var (mean, variance) = Moments.OfRow(x);
        // (x - mean)·inv rather than a folded x·inv - mean·inv, so a constant row normalizes to exactly 0.
        TensorPrimitives.Subtract(x, mean, y);
        TensorPrimitives.Multiply(y, placement.InverseSpread(variance, epsilon), y);
        if (gamma.Length > 0 && beta.Length > 0) TensorPrimitives.FusedMultiplyAdd(y, gamma, beta, y);
        else if (gamma.Length > 0) TensorPrimitives.Multiply(y, gamma, y);
        else if (beta.Length > 0) TensorPrimitives.Add(y, beta, y);
    }
}
