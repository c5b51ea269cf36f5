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

    /// <summary>gather(x, indices, axis = 0, batch_dims = 0): batch_dims &gt; 0 (iOS 16) is not executed.</summary>
    public static void Gather(MilOpContext context)
    {
        var x = context.Input("x");
        var indices = context.Input("indices");
        if (context.Int("batch_dims", 0) != 0) throw context.Unsupported("gather with batch_dims > 0 is not executed yet.");
        context.Emit(new GatherOp(Axis(context, "axis", context.ShapeOf(x).Rank, 0)), x, indices);
    }

    /// <summary>gather_along_axis(x, indices, axis = 0): numpy.take_along_axis.</summary>
    public static void GatherAlongAxis(MilOpContext context)
    {
        var x = MilFloatOperands.Input(context, "x");
        var indices = context.Input("indices");
        if (context.TypeOf(indices).DType != DType.Int32) indices = context.EmitStep("indices_int", new Engine.Ops.Core.Cast(DType.Int32), indices);
        MilFloatOperands.EmitAsDeclared(context, new GatherAlongAxisOp(Axis(context, "axis", context.ShapeOf(x).Rank, 0)), x, indices);
    }

    /// <summary>
    /// gather_nd(x, indices [..., K], batch_dims = 0): output = indices.shape[:-1] + x.shape[K:], each index vector picking
    /// a slice of x. Built as a gather on x with its first K axes flattened, at row = Σ index[j] · stride[j] (computed in
    /// float32, exact below 2^24 rows); indices must be non-negative.
    /// </summary>
    public static void GatherNd(MilOpContext context)
    {
        var x = context.Input("x");
        var indices = context.Input("indices");
        if (context.Int("batch_dims", 0) != 0) throw context.Unsupported("gather_nd with batch_dims > 0 is not executed yet.");
        var shape = context.ShapeOf(x);
        var indexShape = context.ShapeOf(indices);
        var depth = indexShape.Rank == 0 ? 0 : indexShape[indexShape.Rank - 1];
        if (indexShape.Rank == 0 || depth < 1 || depth > shape.Rank)
        {
            throw context.Error("indices", $"has shape {indexShape}; its last axis must hold 1..{shape.Rank} coordinates into x {shape}.");
        }
        var dims = shape.ToArray();
        var strides = new float[depth];
        for (var j = depth - 1; j >= 0; j--) strides[j] = j == depth - 1 ? 1 : strides[j + 1] * dims[j + 1];
        var flat = context.EmitStep("flat", new ReshapeOp([-1, .. dims[depth..]]), x);
        var scaled = context.EmitStep("scaled", new BinaryArithmetic(Engine.Kernels.Elementwise.BinaryKind.Multiply),
            MilFloatOperands.ToFloat(context, indices, "indices"), context.ConstantStep("strides", Tensor.FromArray(strides, depth)));
        var rows = context.EmitStep("rows", new Engine.Ops.Reduction.Reduce(Engine.Kernels.Reductions.ReductionKind.Sum, [-1], keepDims: false), scaled);
        var rowIndices = context.EmitStep("rows_int", new Engine.Ops.Core.Cast(DType.Int32), rows);
        context.Emit(new GatherOp(0), flat, rowIndices);
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
