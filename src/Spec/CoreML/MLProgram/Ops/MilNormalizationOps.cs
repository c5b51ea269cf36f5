using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Normalization;
using Parity.Engine.Ops.Normalization;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// instance_norm, layer_norm, l2_norm and local_response_norm (MIL normalization.py, iOS 15 and the iOS 17 versions,
/// which only widen the dtypes). Every one adds epsilon to the variance or the sum of squares, as the op docs state.
/// </summary>
internal static class MilNormalizationOps
{
    /// <summary>instance_norm(x [N, C, *D], gamma [C], beta [C], epsilon = 1e-5): per sample and channel over *D.</summary>
    public static void InstanceNorm(MilOpContext context)
    {
        var x = context.Input("x");
        var rank = context.ShapeOf(x).Rank;
        if (rank is not (3 or 4)) throw context.Error("x", $"has rank {rank}; instance_norm takes [N, C, W] or [N, C, H, W].");
        var op = new InstanceNormalization(Layout.Nchw, context.OptionalWeights("gamma"), context.OptionalWeights("beta"),
            context.Float("epsilon", 1e-5f), EpsilonPlacement.AddToVariance);
        context.Emit(op, x);
    }

    /// <summary>layer_norm(x, axes = all, gamma/beta of shape x.shape[axes], epsilon = 1e-5).</summary>
    public static void LayerNorm(MilOpContext context)
    {
        var x = context.Input("x");
        var rank = context.ShapeOf(x).Rank;
        var axes = context.Ints("axes", Enumerable.Range(0, rank).ToArray());
        var resolved = axes.Select(a => a < 0 ? a + rank : a).ToArray();
        if (resolved.Any(a => a < 0 || a >= rank)) throw context.Error("axes", $"is {MilOpContext.Text(axes)}; the input has rank {rank}.");
        if (resolved.Length == 0) throw context.Error("axes", "is empty; layer_norm normalizes over at least one axis.");
        var adjacent = resolved.Zip(resolved.Skip(1), (a, b) => b == a + 1).All(b => b);
        if (!adjacent)
        {
            throw context.Unsupported($"layer_norm over axes {MilOpContext.Text(axes)} is not executed (adjacent axes in increasing order are).");
        }
        var op = new LayerNormalization(resolved, context.OptionalWeights("gamma"), context.OptionalWeights("beta"), context.Float("epsilon", 1e-5f));
        context.Emit(op, x);
    }

    /// <summary>l2_norm(x, epsilon = 1e-6): x / sqrt(Σx² + ε) over the last three axes, leading axes are batch.</summary>
    public static void L2Norm(MilOpContext context)
    {
        var x = context.Input("x");
        var rank = context.ShapeOf(x).Rank;
        if (rank < 3) throw context.Error("x", $"has rank {rank}; l2_norm normalizes the last three axes of an input of rank 3 or more.");
        context.Emit(new L2Normalization([-3, -2, -1], context.Float("epsilon", 1e-6f), L2NormEpsilon.AddToSumOfSquares), x);
    }

    /// <summary>local_response_norm(x [N, C, *D], size, alpha = 1e-4, beta = 0.75, k = 1): x / (k + alpha/size · Σ x²)^beta across channels.</summary>
    public static void LocalResponseNorm(MilOpContext context)
    {
        var x = context.Input("x");
        var rank = context.ShapeOf(x).Rank;
        if (rank is not (3 or 4)) throw context.Error("x", $"has rank {rank}; local_response_norm takes [N, C, W] or [N, C, H, W].");
        var size = context.Int("size");
        if (size < 1) throw context.Error("size", $"is {size}; expected at least 1.");
        var parameters = LrnParameters.CoreML(size, context.Float("alpha", 1e-4f), context.Float("beta", 0.75f), context.Float("k", 1f));
        context.Emit(new LocalResponseNormalization(1, parameters), x);
    }
}
