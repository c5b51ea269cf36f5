using System.Numerics.Tensors;
using Parity.Engine.Kernels.Reductions;

namespace Parity.Engine.Kernels.Normalization;

/// <summary>L2 normalization over adjacent axes: each slice divided by its L2 norm, guarded by the chosen epsilon rule.</summary>
public static class L2Normalize
{
    private const int Block = 64;

    /// <summary>Divides each slice over <paramref name="axes"/> by its L2 norm (epsilon applied per <paramref name="rule"/>).</summary>
    public static unsafe void Run(
        ReadOnlySpan<float> input, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, float epsilon, L2NormEpsilon rule, Span<float> output)
    {
        var (outer, reduced, inner) = ReductionPlan.SingleRun(shape, axes, "L2Normalize");
        ChannelView.CheckSizes(outer * reduced * inner, input.Length, output.Length, "L2Normalize");
        if (input.Length == 0) return;

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
                        var x = new ReadOnlySpan<float>((float*)source + offset, reduced);
                        TensorPrimitives.Multiply(x, InverseNorm(TensorPrimitives.SumOfSquares(x), epsilon, rule), new Span<float>((float*)destination + offset, reduced));
                    }
                });
                return;
            }

            var blocks = (inner + Block - 1) / Block;
            Parallelism.For(outer * blocks, Math.Max(1, 8192 / (reduced * Math.Min(inner, Block))), (start, end) =>
            {
                Span<float> inverse = stackalloc float[Block];
                for (var w = start; w < end; w++)
                {
                    var o = w / blocks;
                    var column = w % blocks * Block;
                    var n = Math.Min(Block, inner - column);
                    var block = (long)o * reduced * inner + column;
                    var inv = inverse[..n];
                    inv.Clear();
                    for (var r = 0; r < reduced; r++)
                    {
                        var x = new ReadOnlySpan<float>((float*)source + block + (long)r * inner, n);
                        TensorPrimitives.MultiplyAdd(x, x, inv, inv);
                    }
                    for (var i = 0; i < n; i++) inv[i] = InverseNorm(inv[i], epsilon, rule);
                    for (var r = 0; r < reduced; r++)
                    {
                        var offset = block + (long)r * inner;
                        TensorPrimitives.Multiply(new ReadOnlySpan<float>((float*)source + offset, n), inv, new Span<float>((float*)destination + offset, n));
                    }
                }
            });
        }
    }

    private static float InverseNorm(float sumOfSquares, float epsilon, L2NormEpsilon rule) => rule switch
    {
        L2NormEpsilon.AddToSumOfSquares => 1f / MathF.Sqrt(sumOfSquares + epsilon),
        L2NormEpsilon.FloorSumOfSquares => 1f / MathF.Sqrt(MathF.Max(sumOfSquares, epsilon)),
        L2NormEpsilon.FloorNorm => 1f / MathF.Max(MathF.Sqrt(sumOfSquares), epsilon),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown L2 epsilon rule."),
    };
}
