using Google.Protobuf.Collections;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Kernels.Reductions;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Ops.Reduction;
using Parity.Spec.CoreML.Format;
using ActivationFunction = Parity.Engine.Kernels.Activation;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>reduce (rank-5: over C, H, W, HW or CHW, keeping the axes), the ND reductions reduceSum ... reduceLogSumExp, argMax and argMin.</summary>
internal static class NeuralNetworkReduceLayers
{
    /// <summary>
    /// The reduced axes keep size 1. LOGSUM is Σ ln(x + epsilon) with epsilon 1e-6 when unset (NeuralNetwork.proto, and
    /// coremltools' numeric reference np.sum(np.log(X + 1e-6))); ARGMAX gives the first index of the maximum as a float.
    /// </summary>
    public static IReadOnlyList<string> Reduce(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Reduce;
        int[] axes = p.Axis switch
        {
            ReduceLayerParams.Types.ReduceAxis.Chw => [-3, -2, -1],
            ReduceLayerParams.Types.ReduceAxis.Hw => [-2, -1],
            ReduceLayerParams.Types.ReduceAxis.C => [-3],
            ReduceLayerParams.Types.ReduceAxis.H => [-2],
            ReduceLayerParams.Types.ReduceAxis.W => [-1],
            var other => throw context.Error("reduce.axis", $"is {other}; expected CHW, HW, C, H or W."),
        };
        var rank = context.ShapeOf(context.Input).Rank;
        if (rank < -axes[0]) throw context.Error("input", $"has shape {context.ShapeOf(context.Input)}; reducing over {p.Axis} needs rank {-axes[0]} or more.");
        var input = context.Input;
        switch (p.Mode)
        {
            case ReduceLayerParams.Types.ReduceOperation.Argmax:
                if (axes.Length != 1) throw context.Error("reduce.axis", $"is {p.Axis}; ARGMAX reduces one axis (C, H or W).");
                return [NeuralNetworkLayerValues.AsFloat(context, "", context.Emit("indices", new ArgReduce(true, axes[0], keepDims: true), input))];
            case ReduceLayerParams.Types.ReduceOperation.Logsum:
                var epsilon = p.Epsilon == 0f ? 1e-6f : p.Epsilon;
                var shifted = context.Emit("shifted", new ElementwiseActivation(new ActivationFunction(ActivationKind.Linear, 1f, epsilon)), input);
                var logs = context.Emit("log", new UnaryMath(UnaryKind.Log), shifted);
                return [context.Emit("", new Reduce(ReductionKind.Sum, axes, keepDims: true), logs)];
        }
        var kind = p.Mode switch
        {
            ReduceLayerParams.Types.ReduceOperation.Sum => ReductionKind.Sum,
            ReduceLayerParams.Types.ReduceOperation.Avg => ReductionKind.Mean,
            ReduceLayerParams.Types.ReduceOperation.Prod => ReductionKind.Product,
            ReduceLayerParams.Types.ReduceOperation.Sumsquare => ReductionKind.SumOfSquares,
            ReduceLayerParams.Types.ReduceOperation.L1 => ReductionKind.L1,
            ReduceLayerParams.Types.ReduceOperation.L2 => ReductionKind.L2,
            ReduceLayerParams.Types.ReduceOperation.Max => ReductionKind.Max,
            ReduceLayerParams.Types.ReduceOperation.Min => ReductionKind.Min,
            var other => throw context.Error("reduce.mode", $"is {other}; expected one of SUM, AVG, PROD, LOGSUM, SUMSQUARE, L1, L2, MAX, MIN, ARGMAX."),
        };
        return [context.Emit("", new Reduce(kind, axes, keepDims: true), input)];
    }

    public static IReadOnlyList<string> ReduceSum(NeuralNetworkLayerContext context) =>
        ReduceND(context, ReductionKind.Sum, context.Layer.ReduceSum.Axes, context.Layer.ReduceSum.KeepDims, context.Layer.ReduceSum.ReduceAll);

    public static IReadOnlyList<string> ReduceMean(NeuralNetworkLayerContext context) =>
        ReduceND(context, ReductionKind.Mean, context.Layer.ReduceMean.Axes, context.Layer.ReduceMean.KeepDims, context.Layer.ReduceMean.ReduceAll);

    public static IReadOnlyList<string> ReduceMax(NeuralNetworkLayerContext context) =>
        ReduceND(context, ReductionKind.Max, context.Layer.ReduceMax.Axes, context.Layer.ReduceMax.KeepDims, context.Layer.ReduceMax.ReduceAll);

    public static IReadOnlyList<string> ReduceMin(NeuralNetworkLayerContext context) =>
        ReduceND(context, ReductionKind.Min, context.Layer.ReduceMin.Axes, context.Layer.ReduceMin.KeepDims, context.Layer.ReduceMin.ReduceAll);

    public static IReadOnlyList<string> ReduceProd(NeuralNetworkLayerContext context) =>
        ReduceND(context, ReductionKind.Product, context.Layer.ReduceProd.Axes, context.Layer.ReduceProd.KeepDims, context.Layer.ReduceProd.ReduceAll);

    public static IReadOnlyList<string> ReduceL1(NeuralNetworkLayerContext context) =>
        ReduceND(context, ReductionKind.L1, context.Layer.ReduceL1.Axes, context.Layer.ReduceL1.KeepDims, context.Layer.ReduceL1.ReduceAll);

    public static IReadOnlyList<string> ReduceL2(NeuralNetworkLayerContext context) =>
        ReduceND(context, ReductionKind.L2, context.Layer.ReduceL2.Axes, context.Layer.ReduceL2.KeepDims, context.Layer.ReduceL2.ReduceAll);

    /// <summary>log Σ x (MIL reduce_log_sum, which coremltools lowers to this layer).</summary>
    public static IReadOnlyList<string> ReduceLogSum(NeuralNetworkLayerContext context) =>
        ReduceND(context, ReductionKind.LogSum, context.Layer.ReduceLogSum.Axes, context.Layer.ReduceLogSum.KeepDims, context.Layer.ReduceLogSum.ReduceAll);

    public static IReadOnlyList<string> ReduceSumSquare(NeuralNetworkLayerContext context) =>
        ReduceND(context, ReductionKind.SumOfSquares, context.Layer.ReduceSumSquare.Axes, context.Layer.ReduceSumSquare.KeepDims, context.Layer.ReduceSumSquare.ReduceAll);

    public static IReadOnlyList<string> ReduceLogSumExp(NeuralNetworkLayerContext context) =>
        ReduceND(context, ReductionKind.LogSumExp, context.Layer.ReduceLogSumExp.Axes, context.Layer.ReduceLogSumExp.KeepDims, context.Layer.ReduceLogSumExp.ReduceAll);

    /// <summary>Index of the first maximum along axis as a float; removeDim drops the axis unless the input is rank 1.</summary>
    public static IReadOnlyList<string> ArgMax(NeuralNetworkLayerContext context) =>
        ArgReduceND(context, true, context.Layer.ArgMax.Axis, context.Layer.ArgMax.RemoveDim);

    public static IReadOnlyList<string> ArgMin(NeuralNetworkLayerContext context) =>
        ArgReduceND(context, false, context.Layer.ArgMin.Axis, context.Layer.ArgMin.RemoveDim);

    /// <summary>Reduces <paramref name="axes"/> (all of them with reduceAll); without keepDims a fully reduced tensor stays rank 1, [1].</summary>
    private static IReadOnlyList<string> ReduceND(NeuralNetworkLayerContext context, ReductionKind kind, RepeatedField<long> axes, bool keepDims, bool reduceAll)
    {
        var rank = context.ShapeOf(context.Input).Rank;
        IReadOnlyList<int>? reduced = reduceAll ? null : axes.Select(NeuralNetworkLayerValues.Axis).ToArray();
        if (reduced is { Count: 0 }) throw context.Error("axes", "is empty and reduceAll is false; expected the axes to reduce.");
        var removesAll = !keepDims && (reduced is null || reduced.Select(a => a < 0 ? a + rank : a).Distinct().Count() == rank);
        if (!removesAll) return [context.Emit("", new Reduce(kind, reduced, keepDims), context.Input)];
        var scalar = context.Emit("reduced", new Reduce(kind, reduced, keepDims: false), context.Input);
        return [context.Emit("", new ReshapeOp([1]), scalar)];
    }

    private static IReadOnlyList<string> ArgReduceND(NeuralNetworkLayerContext context, bool max, long axis, bool removeDim)
    {
        var rank = context.ShapeOf(context.Input).Rank;
        var indices = context.Emit("indices", new ArgReduce(max, NeuralNetworkLayerValues.Axis(axis), keepDims: !removeDim || rank == 1), context.Input);
        return [NeuralNetworkLayerValues.AsFloat(context, "", indices)];
    }
}
