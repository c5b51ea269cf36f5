using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>slice (rank-5: one of C, H, W), sliceBySize, split (equal parts over C), splitND, reverse and reverseSeq.</summary>
internal static class NeuralNetworkSliceLayers
{
    /// <summary>
    /// sliceBySize: x[..., begin : begin + size, ...] along axis, begin being the single value of input 2 at run time (the
    /// output shape depends only on size, so begin need not be known when reading): a gather of positions begin + [0, size).
    /// </summary>
    public static IReadOnlyList<string> SliceBySize(NeuralNetworkLayerContext context)
    {
        NeuralNetworkLayerValues.RequireInputs(context, 2);
        var p = context.Layer.SliceBySize;
        var size = context.Size(p.Size < 1 ? 0 : (ulong)p.Size, "sliceBySize.size", 1);
        var begin = context.Inputs[1];
        if (context.ShapeOf(begin).ElementCount != 1) throw context.Error("input", $"begin has shape {context.ShapeOf(begin)}; expected a single value.");
        var rank = context.ShapeOf(context.Inputs[0]).Rank;
        if (p.Axis < -rank || p.Axis >= rank) throw context.Error("sliceBySize.axis", $"is {p.Axis} for a rank-{rank} input; expected -{rank}..{rank - 1}.");
        var offsets = context.Emit("offsets", new Constant(Engine.Tensors.Tensor.FromArray(Enumerable.Range(0, size).Select(i => (float)i).ToArray(), size)));
        var start = context.Emit("begin", new ReshapeOp([1]), begin);
        var positions = context.Emit("positions", new BinaryArithmetic(BinaryKind.Add), offsets, start);
        var indices = context.Emit("indices", new Cast(DType.Int64), positions);
        return [context.Emit("", new GatherOp((int)p.Axis), context.Inputs[0], indices)];
    }

    /// <summary>x[start:end:stride] along C, H or W (axes -3, -2, -1) with NumPy's meaning of negative indices.</summary>
    public static IReadOnlyList<string> Slice(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Slice;
        var axis = p.Axis switch
        {
            SliceLayerParams.Types.SliceAxis.ChannelAxis => -3,
            SliceLayerParams.Types.SliceAxis.HeightAxis => -2,
            SliceLayerParams.Types.SliceAxis.WidthAxis => -1,
            var other => throw context.Error("slice.axis", $"is {other}; expected CHANNEL_AXIS, HEIGHT_AXIS or WIDTH_AXIS."),
        };
        var rank = context.ShapeOf(context.Input).Rank;
        if (rank < -axis) throw context.Error("input", $"has shape {context.ShapeOf(context.Input)}; slicing along {p.Axis} needs rank {-axis} or more.");
        if (p.Stride == 0 || p.Stride > int.MaxValue) throw context.Error("slice.stride", $"is {p.Stride}; expected a positive step.");
        var axes = new SliceAxis[rank];
        for (var a = 0; a < rank; a++) axes[a] = SliceAxis.All;
        axes[rank + axis] = new SliceAxis(Clamp(p.StartIndex), Clamp(p.EndIndex), (int)p.Stride);
        return [context.Emit("", new StridedSliceOp(axes), context.Input)];
    }

    /// <summary>nOutputs equal parts along C (axis -3).</summary>
    public static IReadOnlyList<string> Split(NeuralNetworkLayerContext context)
    {
        var parts = context.Size(context.Layer.Split.NOutputs, "split.nOutputs", 1);
        if (context.ShapeOf(context.Input).Rank < 3) throw context.Error("input", $"has shape {context.ShapeOf(context.Input)}; split needs rank 3 or more.");
        return context.EmitMany("split", new SplitOp(-3, parts), parts, context.Input);
    }

    /// <summary>Pieces of splitSizes along axis, or numSplits equal pieces when no sizes are given.</summary>
    public static IReadOnlyList<string> SplitND(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.SplitND;
        var axis = NeuralNetworkLayerValues.Axis(p.Axis);
        if (p.SplitSizes.Count > 0)
        {
            var sizes = p.SplitSizes.Select(s => context.Size(s, "splitND.splitSizes")).ToArray();
            return context.EmitMany("split", new SplitOp(axis, sizes), sizes.Length, context.Input);
        }
        var parts = context.Size(p.NumSplits, "splitND.numSplits", 1);
        return context.EmitMany("split", new SplitOp(axis, parts), parts, context.Input);
    }

    /// <summary>Reverses the axes whose reverseDim is set (numpy.flip).</summary>
    public static IReadOnlyList<string> Reverse(NeuralNetworkLayerContext context)
    {
        var flags = context.Layer.Reverse.ReverseDim;
        var rank = context.ShapeOf(context.Input).Rank;
        if (flags.Count != rank) throw context.Error("reverse.reverseDim", $"has {flags.Count} flags for a rank-{rank} input; expected {rank}.");
        var axes = flags.Select(f => f ? new SliceAxis(0, 0, -1, BeginMasked: true, EndMasked: true) : SliceAxis.All).ToArray();
        return [context.Emit("", new StridedSliceOp(axes), context.Input)];
    }

    /// <summary>Inputs data and seq_lengths: per batch entry, the first seq_lengths[b] steps along sequenceAxis are reversed.</summary>
    public static IReadOnlyList<string> ReverseSeq(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.ReverseSeq;
        NeuralNetworkLayerValues.RequireInputs(context, 2);
        var lengths = context.Emit("lengths", new Cast(DType.Int64), context.Inputs[1]);
        var op = new ReverseSequenceOp(NeuralNetworkLayerValues.Axis(p.BatchAxis), NeuralNetworkLayerValues.Axis(p.SequenceAxis));
        return [context.Emit("", op, context.Inputs[0], lengths)];
    }

    private static int Clamp(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);
}
