using Parity.Engine.Kernels;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>The rank-N ("ND") shape layers: loadConstantND, expandDims, squeeze, sliceStatic and sliceDynamic.</summary>
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
        return [Slice(context, context.Input, [.. p.BeginIds], [.. p.EndIds], [.. p.Strides], [.. p.BeginMasks], [.. p.EndMasks], [.. p.SqueezeMasks])];
    }

    /// <summary>
    /// sliceDynamic: as sliceStatic, with beginIds from input 2 and, when present, endIds, strides, beginMasks, endMasks and
    /// squeezeMasks from inputs 3 to 7 (NeuralNetwork.proto SliceDynamicLayerParams), all known at read time.
    /// </summary>
    public static IReadOnlyList<string> SliceDynamic(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.SliceDynamic;
        if (context.Inputs.Count is < 2 or > 7) throw context.Error("input", $"lists {context.Inputs.Count} blobs; sliceDynamic takes the tensor, beginIds and up to five more parameter inputs.");
        long[] Ints(int index, string what, IEnumerable<long> fallback) =>
            context.Inputs.Count > index ? NeuralNetworkLayerValues.KnownIntegers(context, index, what) : fallback.ToArray();
        bool[] Flags(int index, string what, IEnumerable<bool> fallback) =>
            context.Inputs.Count > index ? NeuralNetworkLayerValues.KnownIntegers(context, index, what).Select(v => v != 0).ToArray() : fallback.ToArray();
        return [Slice(context, context.Inputs[0], Ints(1, "beginIds", []), Ints(2, "endIds", p.EndIds), Ints(3, "strides", p.Strides),
            Flags(4, "beginMasks", p.BeginMasks), Flags(5, "endMasks", p.EndMasks), Flags(6, "squeezeMasks", p.SqueezeMasks))];
    }

    private static string Slice(NeuralNetworkLayerContext context, string input, long[] begins, long[] ends, long[] strides, bool[] beginMasks, bool[] endMasks, bool[] squeezeMasks)
    {
        var rank = context.ShapeOf(input).Rank;
        if (begins.Length != rank || ends.Length != rank || strides.Length != rank || beginMasks.Length != rank || endMasks.Length != rank)
        {
            throw context.Error(context.TypeName, $"lists {begins.Length} begins, {ends.Length} ends, {strides.Length} strides, {beginMasks.Length}/{endMasks.Length} masks for a rank-{rank} input; expected {rank} of each.");
        }
        var axes = new SliceAxis[rank];
        for (var i = 0; i < rank; i++)
        {
            var squeeze = squeezeMasks.Length == rank && squeezeMasks[i];
            axes[i] = new SliceAxis(Clamp(begins[i]), Clamp(ends[i]), checked((int)strides[i]), beginMasks[i], endMasks[i], squeeze);
        }
        return context.Emit("", new StridedSliceOp(axes), input);
    }

    // Converters write int64 sentinels (e.g. -1 or 2^63-1) for open ends; the slice clamps out-of-range values anyway.
    private static int Clamp(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);
}
