using Parity.Engine.Kernels;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>The rank-N ("ND") shape layers: loadConstantND, expandDims, squeeze and sliceStatic.</summary>
internal static class NeuralNetworkTensorLayers
{
    public static IReadOnlyList<string> LoadConstantND(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.LoadConstantND;
        var shape = p.Shape.Select(d => context.Size(d, "loadConstantND.shape", 1)).ToArray();
        return [context.Emit("", new Constant(context.Weights(p.Data, shape, "loadConstantND.data")))];
    }

    public static IReadOnlyList<string> ExpandDims(NeuralNetworkLayerContext context) =>
        [context.Emit("", new ExpandDimsOp(context.Layer.ExpandDims.Axes.Select(a => checked((int)a)).ToArray()), context.Input)];

    public static IReadOnlyList<string> Squeeze(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Squeeze;
        int[] axes = p.SqueezeAll ? [] : p.Axes.Select(a => checked((int)a)).ToArray();
        return [context.Emit("", new SqueezeOp(axes), context.Input)];
    }

    /// <summary>Per axis begin/end/stride with masks meaning "from the start" / "through the end" (NumPy meaning for negatives).</summary>
    public static IReadOnlyList<string> SliceStatic(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.SliceStatic;
        var rank = context.ShapeOf(context.Input).Rank;
        if (p.BeginIds.Count != rank || p.EndIds.Count != rank || p.Strides.Count != rank || p.BeginMasks.Count != rank || p.EndMasks.Count != rank)
        {
            throw context.Error("sliceStatic", $"lists {p.BeginIds.Count} begins, {p.EndIds.Count} ends, {p.Strides.Count} strides, {p.BeginMasks.Count}/{p.EndMasks.Count} masks for a rank-{rank} input; expected {rank} of each.");
        }
        var axes = new SliceAxis[rank];
        for (var i = 0; i < rank; i++)
        {
            var squeeze = p.SqueezeMasks.Count == rank && p.SqueezeMasks[i];
            axes[i] = new SliceAxis(Clamp(p.BeginIds[i]), Clamp(p.EndIds[i]), checked((int)p.Strides[i]), p.BeginMasks[i], p.EndMasks[i], squeeze);
        }
        return [context.Emit("", new StridedSliceOp(axes), context.Input)];
    }

    // Converters write int64 sentinels (e.g. -1 or 2^63-1) for open ends; the slice clamps out-of-range values anyway.
    private static int Clamp(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);
}
