using Parity.Engine.Kernels;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// reverse, reverse_sequence, flatten2d, crop, sliding_windows, space_to_batch and batch_to_space (MIL
/// tensor_transformation.py, tensor_operation.py and image_resizing.py, iOS 15 with the iOS 17 revisions), each built
/// from the engine's slice, gather, reshape, transpose, pad and crop ops.
/// </summary>
internal static class MilReorderOps
{
    /// <summary>reverse(x, axes = every axis): numpy.flip over each listed axis.</summary>
    public static void Reverse(MilOpContext context)
    {
        var x = context.Input("x");
        var rank = context.ShapeOf(x).Rank;
        var flip = new bool[rank];
        foreach (var axis in context.Ints("axes", [.. Enumerable.Range(0, rank)]))
        {
            if (axis < -rank || axis >= rank) throw context.Error("axes", $"holds {axis}; expected axes in -{rank}..{rank - 1}.");
            var index = axis < 0 ? axis + rank : axis;
            if (flip[index]) throw context.Error("axes", $"lists axis {index} twice; expected each axis at most once.");
            flip[index] = true;
        }
        var slices = flip.Select(f => f ? new SliceAxis(0, 0, -1, BeginMasked: true, EndMasked: true) : SliceAxis.All).ToArray();
        context.Emit(new StridedSliceOp(slices), x);
    }

    /// <summary>
    /// reverse_sequence(x, lengths, seq_axis = 0, batch_axis = 0): for each index b along batch_axis the first
    /// lengths[b] entries along seq_axis are reversed (tf.reverse_sequence).
    /// </summary>
    public static void ReverseSequence(MilOpContext context)
    {
        var x = MilFloatOperands.Input(context, "x");
        var rank = context.ShapeOf(x).Rank;
        var sequence = MilDataMovementOps.Axis(context, "seq_axis", rank, 0);
        var batch = MilDataMovementOps.Axis(context, "batch_axis", rank, 0);
        if (sequence == batch) throw context.Error("seq_axis", $"and batch_axis are both axis {batch}; expected two different axes of the rank-{rank} input.");
        var lengths = context.Input("lengths");
        if (context.TypeOf(lengths).DType != DType.Int64) lengths = context.EmitStep("lengths_int64", new Cast(DType.Int64), lengths);
        MilFloatOperands.EmitAsDeclared(context, new ReverseSequenceOp(batch, sequence), x, lengths);
    }

    /// <summary>flatten2d(x, axis = 1): [prod(shape[:axis]), prod(shape[axis:])] with numpy's reading of a negative axis.</summary>
    public static void Flatten2D(MilOpContext context)
    {
        var x = context.Input("x");
        var shape = context.ShapeOf(x);
        var axis = context.Int("axis", 1);
        if (axis < -shape.Rank || axis > shape.Rank) throw context.Error("axis", $"is {axis}; expected -{shape.Rank}..{shape.Rank} for input {shape}.");
        if (axis < 0) axis += shape.Rank;
        context.Emit(new ReshapeOp([shape.Product(0, axis), shape.Product(axis, shape.Rank)]), x);
    }

    /// <summary>crop(x, crop_height [top, bottom], crop_width [left, right]) on the last two axes of a rank-3+ input.</summary>
    public static void Crop(MilOpContext context)
    {
        var x = context.Input("x");
        var shape = context.ShapeOf(x);
        if (shape.Rank < 3) throw context.Error("x", $"has shape {shape}; crop needs rank 3 or more (the last two axes are H, W).");
        var height = Pair(context, "crop_height");
        var width = Pair(context, "crop_width");
        if (height[0] + height[1] > shape[^2] || width[0] + width[1] > shape[^1])
        {
            throw context.Error("crop_height", $"{MilOpContext.Text(height)} and crop_width {MilOpContext.Text(width)} remove more than input {shape} holds.");
        }
        var begin = new int[shape.Rank];
        var end = new int[shape.Rank];
        (begin[^2], end[^2], begin[^1], end[^1]) = (height[0], height[1], width[0], width[1]);
        context.Emit(new CropOp(begin, end), x);
    }

    /// <summary>
    /// sliding_windows(x, axis, size, stride = 1): axis of length L becomes [(L - size) / stride + 1, size], window m
    /// holding the entries m * stride + w, read as one gather at constant positions.
    /// </summary>
    public static void SlidingWindows(MilOpContext context)
    {
        var x = context.Input("x");
        var shape = context.ShapeOf(x);
        var axis = MilDataMovementOps.Axis(context, "axis", shape.Rank);
        var size = context.Int("size");
        var stride = context.Int("stride", 1);
        if (size < 1 || size > shape[axis]) throw context.Error("size", $"is {size}; expected 1..{shape[axis]} (axis {axis} of {shape}).");
        if (stride < 1) throw context.Error("stride", $"is {stride}; expected a positive step.");
        var windows = (shape[axis] - size) / stride + 1;
        if ((long)windows * size * (shape.ElementCount / shape[axis]) > Shape.MaxElements)
        {
            throw context.Error("size", $"is {size} with stride {stride}; the {windows} windows of {shape} would exceed {Shape.MaxElements} elements.");
        }
        var positions = new long[windows * size];
        for (var m = 0; m < windows; m++)
        {
            for (var w = 0; w < size; w++) positions[m * size + w] = (long)m * stride + w;
        }
        var indices = context.ConstantStep("positions", Tensor.FromSpan<long>(positions, new Shape(windows, size)));
        context.Emit(new GatherOp(axis), x, indices);
    }

    /// <summary>
    /// space_to_batch(x [n, C, H, W], block_shape [b0, b1], paddings [[top, bottom], [left, right]]): tf.space_to_batch_nd
    /// on the spatial axes. Output batch (i0 * b1 + i1) * n + k holds rows i0, i0 + b0, ... and columns i1, i1 + b1, ... of
    /// padded image k: pad, reshape to [n, C, H'/b0, b0, W'/b1, b1], move the block axes in front, merge them with n.
    /// </summary>
    public static void SpaceToBatch(MilOpContext context)
    {
        var x = context.Input("x");
        var shape = Rank4(context, x);
        var block = Block(context);
        var pads = Pairs(context, "paddings");
        var (n, c) = (shape[0], shape[1]);
        var (h, w) = (shape[2] + pads[0] + pads[1], shape[3] + pads[2] + pads[3]);
        if (h % block[0] != 0 || w % block[1] != 0)
        {
            throw context.Error("paddings", $"{MilOpContext.Text(pads)} pad {shape} to H {h}, W {w}; they must be multiples of block_shape {MilOpContext.Text(block)}.");
        }
        var padded = pads.Any(p => p != 0) ? context.EmitStep("padded", new PadOp([0, 0, pads[0], pads[2]], [0, 0, pads[1], pads[3]], PadMode.Constant, 0f), x) : x;
        var blocks = context.EmitStep("blocks", new ReshapeOp([n, c, h / block[0], block[0], w / block[1], block[1]]), padded);
        var moved = context.EmitStep("moved", new TransposeOp([3, 5, 0, 1, 2, 4]), blocks);
        context.Emit(new ReshapeOp([block[0] * block[1] * n, c, h / block[0], w / block[1]]), moved);
    }

    /// <summary>
    /// batch_to_space(x [n', C, H, W], block_shape [b0, b1], crops [[top, bottom], [left, right]]): the inverse of
    /// space_to_batch (tf.batch_to_space_nd): split n' into [b0, b1, n], interleave the blocks into H and W, then crop.
    /// </summary>
    public static void BatchToSpace(MilOpContext context)
    {
        var x = context.Input("x");
        var shape = Rank4(context, x);
        var block = Block(context);
        var crops = Pairs(context, "crops");
        var (batches, c, h, w) = (shape[0], shape[1], shape[2], shape[3]);
        if (batches % (block[0] * block[1]) != 0) throw context.Error("block_shape", $"is {MilOpContext.Text(block)}; the batch size {batches} of {shape} must be a multiple of its product.");
        var n = batches / (block[0] * block[1]);
        if (crops[0] + crops[1] > h * block[0] || crops[2] + crops[3] > w * block[1])
        {
            throw context.Error("crops", $"is {MilOpContext.Text(crops)}; it removes more than the {h * block[0]} x {w * block[1]} image holds.");
        }
        var blocks = context.EmitStep("blocks", new ReshapeOp([block[0], block[1], n, c, h, w]), x);
        var moved = context.EmitStep("moved", new TransposeOp([2, 3, 4, 0, 5, 1]), blocks);
        if (crops.All(v => v == 0))
        {
            context.Emit(new ReshapeOp([n, c, h * block[0], w * block[1]]), moved);
            return;
        }
        var merged = context.EmitStep("merged", new ReshapeOp([n, c, h * block[0], w * block[1]]), moved);
        context.Emit(new CropOp([0, 0, crops[0], crops[2]], [0, 0, crops[1], crops[3]]), merged);
    }

    private static Shape Rank4(MilOpContext context, string x)
    {
        var shape = context.ShapeOf(x);
        return shape.Rank == 4 ? shape : throw context.Error("x", $"has shape {shape}; expected rank 4 [n, C, H, W].");
    }

    private static int[] Block(MilOpContext context)
    {
        var block = context.Ints("block_shape");
        return block is [> 0, > 0] ? block : throw context.Error("block_shape", $"is {MilOpContext.Text(block)}; expected two positive sizes (H, W).");
    }

    /// <summary>A [2, 2] argument of non-negative amounts, flattened to top, bottom, left, right.</summary>
    private static int[] Pairs(MilOpContext context, string argument)
    {
        var values = context.Ints(argument);
        return values.Length == 4 && values.All(v => v >= 0)
            ? values
            : throw context.Error(argument, $"is {MilOpContext.Text(values)}; expected [[top, bottom], [left, right]] of non-negative amounts.");
    }

    private static int[] Pair(MilOpContext context, string argument)
    {
        var values = context.Ints(argument);
        return values is [>= 0, >= 0] ? values : throw context.Error(argument, $"is {MilOpContext.Text(values)}; expected two non-negative amounts.");
    }
}
