using Parity.Engine.Kernels;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// split, stack, slice_by_size, gather, gather_along_axis, gather_nd, pad, tile and select (MIL tensor_operation.py,
/// tensor_transformation.py, scatter_gather.py, iOS 15 with the iOS 16/17 revisions).
/// </summary>
internal static class MilDataMovementOps
{
    /// <summary>split(x, num_splits | split_sizes, axis): equal parts when only num_splits is given.</summary>
    public static void Split(MilOpContext context)
    {
        var x = context.Input("x");
        var rank = context.ShapeOf(x).Rank;
        var axis = Axis(context, "axis", rank);
        SplitOp op;
        if (context.Has("split_sizes"))
        {
            var sizes = context.Ints("split_sizes");
            if (sizes.Sum() != context.ShapeOf(x)[axis]) throw context.Error("split_sizes", $"is {MilOpContext.Text(sizes)}; they must add up to {context.ShapeOf(x)[axis]}, the size of axis {axis}.");
            op = new SplitOp(axis, sizes);
        }
        else
        {
            op = new SplitOp(axis, context.Int("num_splits"));
        }
        context.EmitOutputs(op, x);
    }

    /// <summary>stack(values, axis): a new axis at <c>axis</c> (in the output's rank) joining values of one shape.</summary>
    public static void Stack(MilOpContext context)
    {
        var values = context.Inputs("values");
        var rank = context.ShapeOf(values[0]).Rank + 1;
        var axis = Axis(context, "axis", rank);
        var expanded = values.Select((v, k) => context.EmitStep($"expanded{k}", new ExpandDimsOp([axis]), v)).ToArray();
        context.Emit(new ConcatOp(axis), expanded);
    }

    /// <summary>slice_by_size(x, begin, size): size -1 runs to the end of the axis.</summary>
    public static void SliceBySize(MilOpContext context)
    {
        var x = context.Input("x");
        var shape = context.ShapeOf(x);
        var begin = context.Ints("begin");
        var size = context.Ints("size");
        if (begin.Length != shape.Rank || size.Length != shape.Rank)
        {
            throw context.Error("begin", $"and size hold {begin.Length} and {size.Length} values; the input has rank {shape.Rank}.");
        }
        var axes = new SliceAxis[shape.Rank];
        for (var i = 0; i < shape.Rank; i++)
        {
            var start = begin[i] < 0 ? begin[i] + shape[i] : begin[i];
            var end = size[i] == -1 ? shape[i] : start + size[i];
            if (start < 0 || size[i] < -1 || end > shape[i]) throw context.Error("size", $"is {MilOpContext.Text(size)} from begin {MilOpContext.Text(begin)}; it leaves input {shape} on axis {i}.");
            axes[i] = new SliceAxis(start, end);
        }
        context.Emit(new StridedSliceOp(axes), x);
    }

    /// <summary>
    /// gather(x, indices, axis = 0, batch_dims = 0): output = x.shape[:axis] + indices.shape[batch_dims:] + x.shape[axis+1:].
    /// With batch_dims B (iOS 16) batch b of x is gathered at batch b of the indices: built as a gather_nd whose index
    /// rows are prefixed with their batch coordinates, with x's axis moved next to the batch axes and back.
    /// </summary>
    public static void Gather(MilOpContext context)
    {
        var x = context.Input("x");
        var shape = context.ShapeOf(x);
        var axis = Axis(context, "axis", shape.Rank, 0);
        var batchDims = BatchDims(context, shape.Rank, context.ArgumentShape("indices").Rank);
        var indices = Indices(context, "indices", shape[axis]);
        if (batchDims == 0)
        {
            context.Emit(new GatherOp(axis), x, indices);
            return;
        }
        if (axis < batchDims) throw context.Error("axis", $"is {axis}; with batch_dims {batchDims} it must come after the batch axes.");
        // Move the gathered axis to position B, so each index row reads (batch coordinates, index).
        int[] toFront = [.. Enumerable.Range(0, batchDims), axis, .. Enumerable.Range(batchDims, axis - batchDims), .. Enumerable.Range(axis + 1, shape.Rank - axis - 1)];
        var floats = MilFloatOperands.ToFloat(context, x, "x");
        var moved = axis == batchDims ? floats : context.EmitStep("moved", new TransposeOp(toFront), floats);
        var indexShape = context.ShapeOf(indices);
        var rows = WithBatchCoordinates(context, moved, context.EmitStep("rows", new ExpandDimsOp([indexShape.Rank]), indices), batchDims);
        if (axis == batchDims)
        {
            MilFloatOperands.EmitAsDeclared(context, new GatherNDOp(), moved, rows);
            return;
        }
        var gathered = context.EmitStep("gathered", new GatherNDOp(), moved, rows);
        // The result is batch + index axes + axes between batch and axis + the rest; MIL puts the index axes at axis.
        var (b, n, m) = (batchDims, indexShape.Rank - batchDims, axis - batchDims);
        var rank = shape.Rank - 1 + n;
        int[] back = [.. Enumerable.Range(0, b), .. Enumerable.Range(b + n, m), .. Enumerable.Range(b, n), .. Enumerable.Range(b + n + m, rank - b - n - m)];
        MilFloatOperands.EmitAsDeclared(context, new TransposeOp(back), gathered);
    }

    /// <summary>gather_along_axis(x, indices, axis = 0): numpy.take_along_axis.</summary>
    public static void GatherAlongAxis(MilOpContext context)
    {
        var x = MilFloatOperands.Input(context, "x");
        var axis = Axis(context, "axis", context.ShapeOf(x).Rank, 0);
        var indices = context.Input("indices");
        ValidateIndices(context, "indices", context.ShapeOf(x)[axis]);
        if (context.TypeOf(indices).DType != DType.Int32) indices = context.EmitStep("indices_int", new Engine.Ops.Core.Cast(DType.Int32), indices);
        MilFloatOperands.EmitAsDeclared(context, new GatherAlongAxisOp(axis), x, indices);
    }

    /// <summary>
    /// gather_nd(x, indices [..., K], batch_dims = 0): output = indices.shape[:-1] + x.shape[batch_dims + K:], each index
    /// vector picking a slice of x (within its batch when batch_dims &gt; 0, iOS 16). Negative coordinates count from the
    /// end of their axis as in iOS 15/16 (iOS 17 calls them out of bounds and leaves their result undefined).
    /// </summary>
    public static void GatherNd(MilOpContext context)
    {
        var x = MilFloatOperands.Input(context, "x");
        var shape = context.ShapeOf(x);
        var indexShape = context.ArgumentShape("indices");
        var batchDims = BatchDims(context, shape.Rank, indexShape.Rank - 1);
        var depth = indexShape.Rank == 0 ? 0 : indexShape[indexShape.Rank - 1];
        if (indexShape.Rank == 0 || depth < 1 || batchDims + depth > shape.Rank)
        {
            throw context.Error("indices", $"has shape {indexShape}; its last axis must hold 1..{shape.Rank - batchDims} coordinates into x {shape} after {batchDims} batch axes.");
        }
        ValidateIndices(context, "indices", int.MaxValue, shape.Dims.ToArray()[batchDims..(batchDims + depth)]);
        var indices = Indices(context, "indices", int.MaxValue);
        MilFloatOperands.EmitAsDeclared(context, new GatherNDOp(), x, WithBatchCoordinates(context, x, indices, batchDims));
    }

    /// <summary>
    /// The int64 index rows of a gather_nd on <paramref name="x"/> whose first <paramref name="batchDims"/> axes are batch
    /// axes shared with x, each row prefixed with its batch coordinates (a constant grid), so the engine's GatherND, which
    /// knows no batch axes, reads within the row's batch.
    /// </summary>
    private static string WithBatchCoordinates(MilOpContext context, string x, string indices, int batchDims)
    {
        if (batchDims == 0) return indices;
        var indexShape = context.ShapeOf(indices);
        var dataShape = context.ShapeOf(x);
        for (var d = 0; d < batchDims; d++)
        {
            if (indexShape[d] != dataShape[d]) throw context.Error("indices", $"has shape {indexShape}; its {batchDims} batch axes must match x {dataShape}.");
        }
        var points = indexShape.Product(0, indexShape.Rank - 1);
        var grid = new long[points * batchDims];
        var coordinates = new int[indexShape.Rank - 1];
        for (var p = 0; p < points; p++)
        {
            for (var d = 0; d < batchDims; d++) grid[p * batchDims + d] = coordinates[d];
            for (var d = coordinates.Length - 1; d >= 0 && ++coordinates[d] == indexShape[d]; d--) coordinates[d] = 0;
        }
        var batches = context.ConstantStep("batch_coordinates", Tensor.FromSpan<long>(grid, new Shape([.. indexShape.Dims[..^1], batchDims])));
        return context.EmitStep("rows_in_batch", new ConcatOp(indexShape.Rank - 1), batches, indices);
    }

    /// <summary>batch_dims (iOS 16+): at most the indices' rank and below x's rank.</summary>
    private static int BatchDims(MilOpContext context, int rank, int indexRank)
    {
        var batchDims = context.Int("batch_dims", 0);
        if (batchDims < 0 || batchDims >= rank || batchDims > indexRank)
        {
            throw context.Error("batch_dims", $"is {batchDims}; expected 0..{Math.Min(rank - 1, indexRank)} for x of rank {rank} and indices of rank {indexRank}.");
        }
        return batchDims;
    }

    /// <summary>An index argument as int64; with validate_indices (iOS 17) known indices outside [0, size) are an error.</summary>
    private static string Indices(MilOpContext context, string argument, int size)
    {
        ValidateIndices(context, argument, size);
        var indices = context.Input(argument);
        return context.TypeOf(indices).DType == DType.Int64 ? indices : context.EmitStep($"{argument}_int64", new Engine.Ops.Core.Cast(DType.Int64), indices);
    }

    /// <summary>
    /// iOS 17 validate_indices = true: indices known while reading must lie in [0, size) (per coordinate for gather_nd,
    /// <paramref name="sizes"/>), as coremltools checks; run-time indices outside the axis fail when the op runs.
    /// </summary>
    private static void ValidateIndices(MilOpContext context, string argument, int size, int[]? sizes = null)
    {
        if (!context.Bool("validate_indices", false) || !context.IsConstant(argument)) return;
        var values = context.Constant(argument).ToLongs();
        for (var i = 0; i < values.Length; i++)
        {
            var limit = sizes is null ? size : sizes[i % sizes.Length];
            if (values[i] < 0 || values[i] >= limit) throw context.Error(argument, $"holds {values[i]}; with validate_indices every index must lie in [0, {limit}).");
        }
    }

    /// <summary>pad(x, pad [2N] for the last N axes, mode = constant | reflect | replicate, constant_val = 0).</summary>
    public static void Pad(MilOpContext context)
    {
        var x = context.Input("x");
        var rank = context.ShapeOf(x).Rank;
        var pad = context.Ints("pad");
        if (pad.Length % 2 != 0 || pad.Length > 2 * rank) throw context.Error("pad", $"holds {pad.Length} values; expected an even count up to {2 * rank} (begin, end for each of the last axes).");
        var mode = context.String("mode", "constant") switch
        {
            "constant" => PadMode.Constant,
            "reflect" => PadMode.Reflect,
            "replicate" => PadMode.Edge,
            var other => throw context.Error("mode", $"is '{other}'; expected constant, reflect or replicate."),
        };
        var before = new int[rank];
        var after = new int[rank];
        var first = rank - pad.Length / 2;
        for (var i = 0; i < pad.Length / 2; i++) (before[first + i], after[first + i]) = (pad[2 * i], pad[2 * i + 1]);
        if (before.Concat(after).Any(p => p < 0)) throw context.Error("pad", $"is {MilOpContext.Text(pad)}; pads cannot be negative.");
        context.Emit(new PadOp(before, after, mode, context.Float("constant_val", 0f)), x);
    }

    /// <summary>tile(x, reps): reps[i] copies along axis i.</summary>
    public static void Tile(MilOpContext context)
    {
        var x = context.Input("x");
        var reps = context.Ints("reps");
        if (reps.Length != context.ShapeOf(x).Rank) throw context.Error("reps", $"holds {reps.Length} values; the input has rank {context.ShapeOf(x).Rank}.");
        context.Emit(new TileOp(reps), x);
    }

    /// <summary>select(cond, a, b): a where cond is true, b elsewhere, all broadcast together.</summary>
    public static void Select(MilOpContext context)
    {
        var condition = context.Input("cond");
        if (context.TypeOf(condition).DType != DType.Bool) condition = context.EmitStep("cond_bool", new Engine.Ops.Core.Cast(DType.Bool), condition);
        MilFloatOperands.EmitAsDeclared(context, new Select(), condition, MilFloatOperands.Input(context, "a"), MilFloatOperands.Input(context, "b"));
    }

    /// <summary>An axis argument in [-rank, rank), made non-negative.</summary>
    public static int Axis(MilOpContext context, string argument, int rank, int? fallback = null)
    {
        var axis = fallback is { } value ? context.Int(argument, value) : context.Int(argument);
        if (axis < -rank || axis >= rank) throw context.Error(argument, $"is {axis}; expected -{rank}..{rank - 1}.");
        return axis < 0 ? axis + rank : axis;
    }
}
