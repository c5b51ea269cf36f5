using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>
/// add, multiply, max, min, average (element-wise over all inputs, broadcasting size-1 axes; with one input, add and
/// multiply apply the layer's alpha) and concat (over C, or over Seq with sequenceConcat) / concatND.
/// </summary>
internal static class NeuralNetworkMergeLayers
{
    public static IReadOnlyList<string> Add(NeuralNetworkLayerContext context) => Fold(context, BinaryKind.Add, context.Layer.Add.Alpha);

    public static IReadOnlyList<string> Multiply(NeuralNetworkLayerContext context) => Fold(context, BinaryKind.Multiply, context.Layer.Multiply.Alpha);

    public static IReadOnlyList<string> Max(NeuralNetworkLayerContext context) => Fold(context, BinaryKind.Maximum, null);

    public static IReadOnlyList<string> Min(NeuralNetworkLayerContext context) => Fold(context, BinaryKind.Minimum, null);

    public static IReadOnlyList<string> Average(NeuralNetworkLayerContext context)
    {
        var sum = Combine(context, BinaryKind.Add, "sum");
        var scale = context.Emit("count", new Constant(Tensor.FromArray([1f / context.Inputs.Count], 1)));
        return [context.Emit("", new BinaryArithmetic(BinaryKind.Multiply), sum, scale)];
    }

    public static IReadOnlyList<string> Concat(NeuralNetworkLayerContext context)
    {
        var rank = context.ShapeOf(context.Inputs[0]).Rank;
        if (context.Layer.Concat.SequenceConcat)
        {
            if (rank != 4) throw context.Error("input", $"has rank {rank}; concat along the sequence axis needs [Seq, C, H, W] blobs.");
            return [context.Emit("", new ConcatOp(0), [.. context.Inputs])];
        }
        return [context.Emit("", new ConcatOp(rank >= 3 ? -3 : -1), [.. context.Inputs])];
    }

    public static IReadOnlyList<string> ConcatND(NeuralNetworkLayerContext context)
    {
        if (context.Layer.ConcatND.Interleave) throw context.Unsupported("concatND with interleave is not executed yet.");
        return [context.Emit("", new ConcatOp(checked((int)context.Layer.ConcatND.Axis)), [.. context.Inputs])];
    }

    private static IReadOnlyList<string> Fold(NeuralNetworkLayerContext context, BinaryKind kind, float? alpha)
    {
        if (context.Inputs.Count == 1)
        {
            if (alpha is not { } a) return [context.Emit("", new Identity(), context.Inputs[0])];
            var constant = context.Emit("alpha", new Constant(Tensor.FromArray([a], 1)));
            return [context.Emit("", new BinaryArithmetic(kind), context.Inputs[0], constant)];
        }
        return [Combine(context, kind, "")];
    }

    private static string Combine(NeuralNetworkLayerContext context, BinaryKind kind, string finalStep)
    {
        if (context.Inputs.Count < 2) throw context.Error("input", $"lists {context.Inputs.Count} blobs; expected at least 2.");
        var value = context.Inputs[0];
        for (var k = 1; k < context.Inputs.Count; k++)
        {
            var step = k == context.Inputs.Count - 1 ? finalStep : $"partial{k}";
            value = context.Emit(step, new BinaryArithmetic(kind), value, context.Inputs[k]);
        }
        return value;
    }
}
