using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.Reduction;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>topK, argSort and cumSum; indices come out as floats, as every NeuralNetwork blob holds floats.</summary>
internal static class NeuralNetworkSortLayers
{
    /// <summary>Outputs the K largest values along axis (smallest with useBottomK) and their indices; ties keep input order.</summary>
    public static IReadOnlyList<string> TopK(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.TopK;
        if (context.Inputs.Count != 1) throw context.Unsupported("topK with K given as a second input is not executed: the output shape would depend on a tensor value.");
        var k = context.Size(p.K, "topK.K", 1);
        var results = context.EmitMany("topk", new TopK(NeuralNetworkLayerValues.Axis(p.Axis), k, p.UseBottomK), 2, context.Input);
        return [results[0], context.EmitOutput(1, new Cast(DType.Float32), results[1])];
    }

    /// <summary>The positions that sort the input along axis (ascending, or descending), as floats.</summary>
    public static IReadOnlyList<string> ArgSort(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.ArgSort;
        var indices = context.Emit("indices", new ArgSort(NeuralNetworkLayerValues.Axis(p.Axis), p.Descending), context.Input);
        return [NeuralNetworkLayerValues.AsFloat(context, "", indices)];
    }

    /// <summary>Running sums along axis; excludeFinalSum starts at 0, reverse runs from the end (NeuralNetwork.proto's [4, 6, 7] examples).</summary>
    public static IReadOnlyList<string> CumSum(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.CumSum;
        if (context.Inputs.Count != 1) throw context.Unsupported("cumSum with its axis given as a second input is not executed yet.");
        return [context.Emit("", new CumulativeSum(NeuralNetworkLayerValues.Axis(p.Axis), p.ExcludeFinalSum, p.Reverse), context.Input)];
    }
}
