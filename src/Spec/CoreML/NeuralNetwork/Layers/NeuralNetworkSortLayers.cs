using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.Reduction;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>topK, argSort and cumSum; indices come out as floats, as every NeuralNetwork blob holds floats.</summary>
internal static class NeuralNetworkSortLayers
{
    /// <summary>
    /// Outputs the K largest values along axis (smallest with useBottomK) and their indices; ties keep input order. A second
    /// input replaces K (it must be known at read time: it sets the output shape).
    /// </summary>
    public static IReadOnlyList<string> TopK(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.TopK;
        if (context.Inputs.Count is not (1 or 2)) throw context.Error("input", $"lists {context.Inputs.Count} blobs; topK takes the tensor and optionally K.");
        var k = context.Inputs.Count == 2
            ? context.Size((ulong)Math.Max(0L, NeuralNetworkLayerValues.KnownInteger(context, 1, "K")), "topK K input", 1)
            : context.Size(p.K, "topK.K", 1);
        var results = context.EmitMany("topk", new TopK(NeuralNetworkLayerValues.Axis(p.Axis), k, p.UseBottomK), 2, context.Inputs[0]);
        return [results[0], context.EmitOutput(1, new Cast(DType.Float32), results[1])];
    }

    /// <summary>The positions that sort the input along axis (ascending, or descending), as floats.</summary>
    public static IReadOnlyList<string> ArgSort(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.ArgSort;
        var indices = context.Emit("indices", new ArgSort(NeuralNetworkLayerValues.Axis(p.Axis), p.Descending), context.Input);
        return [NeuralNetworkLayerValues.AsFloat(context, "", indices)];
    }

    /// <summary>
    /// Running sums along axis (a second input replaces it, known at read time); excludeFinalSum starts at 0, reverse runs
    /// from the end (NeuralNetwork.proto's [4, 6, 7] examples).
    /// </summary>
    public static IReadOnlyList<string> CumSum(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.CumSum;
        if (context.Inputs.Count is not (1 or 2)) throw context.Error("input", $"lists {context.Inputs.Count} blobs; cumSum takes the tensor and optionally its axis.");
        var axis = context.Inputs.Count == 2 ? NeuralNetworkLayerValues.KnownInteger(context, 1, "axis") : p.Axis;
        return [context.Emit("", new CumulativeSum(NeuralNetworkLayerValues.Axis(axis), p.ExcludeFinalSum, p.Reverse), context.Inputs[0])];
    }
}
