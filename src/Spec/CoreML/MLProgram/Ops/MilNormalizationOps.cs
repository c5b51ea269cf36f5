using Parity.Engine.Ops.Normalization;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>batch_norm with stored statistics on [N, C, *D] (MIL normalization.py).</summary>
internal static class MilNormalizationOps
{
    /// <summary>y = gamma * (x - mean) / sqrt(variance + epsilon) + beta per channel (axis 1); gamma, beta default to 1, 0.</summary>
    public static void BatchNorm(MilOpContext context)
    {
        var x = context.Input("x");
        var shape = context.ShapeOf(x);
        if (shape.Rank < 2) throw context.Error("x", $"has shape {shape}; batch_norm needs [N, C, ...].");
        var channels = shape[1];
        var mean = Channel(context, "mean", channels)!;
        var variance = Channel(context, "variance", channels)!;
        context.Emit(new BatchNormalization(1, mean, variance, Channel(context, "gamma", channels), Channel(context, "beta", channels),
            context.Float("epsilon", 1e-5f)), x);
    }

    private static Tensor? Channel(MilOpContext context, string argument, int channels)
    {
        if (!context.Has(argument) && argument is "gamma" or "beta") return null;
        var values = context.Weights(argument);
        if (values.Length != channels) throw context.Error(argument, $"has shape {values.Shape}; x has {channels} channels.");
        return values.Rank == 1 ? values : Tensor.FromArray(values.Floats.ToArray(), channels);
    }
}
