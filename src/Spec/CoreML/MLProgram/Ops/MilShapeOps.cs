using Parity.Engine.Kernels;
using Parity.Engine.Ops.DataMovement;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>reshape, transpose, concat, squeeze, expand_dims and slice_by_index (MIL tensor_transformation.py, tensor_operation.py).</summary>
internal static class MilShapeOps
{
    /// <summary>reshape(x, shape): one -1 is inferred; from iOS 17 a 0 copies the input's size on that axis.</summary>
    public static void Reshape(MilOpContext context)
    {
        var x = context.Input("x");
        context.Emit(new ReshapeOp(context.Ints("shape"), zeroCopiesDimension: context.OpsetVersion >= 17), x);
    }

    public static void Transpose(MilOpContext context)
    {
        var x = context.Input("x");
        var perm = context.Ints("perm");
        var rank = context.ShapeOf(x).Rank;
        context.Emit(new TransposeOp(perm.Select(p => p < 0 ? p + rank : p).ToArray()), x);
    }

    /// <summary>
    /// concat(values, axis, interleave = false). Interleaved, the values (all of one shape) alternate slice by slice:
    /// output[..., i·N + k, ...] = values[k][..., i, ...], built as a stack on a new axis after axis, merged into it.
    /// </summary>
    public static void Concat(MilOpContext context)
    {
        var values = context.Inputs("values");
        var shape = context.ShapeOf(values[0]);
        var rank = shape.Rank;
        var axis = context.Int("axis");
        if (axis < -rank || axis >= rank) throw context.Error("axis", $"is {axis}; the values have rank {rank}.");
        if (axis < 0) axis += rank;
        if (!context.Bool("interleave", false))
        {
            context.Emit(new ConcatOp(axis), [.. values]);
            return;
        }
        foreach (var value in values)
        {
            if (context.ShapeOf(value) != shape) throw context.Error("values", $"hold shapes {shape} and {context.ShapeOf(value)}; interleaved values must share one shape.");
        }
        var expanded = values.Select((v, k) => context.EmitStep($"expanded{k}", new ExpandDimsOp([axis + 1]), v)).ToArray();
        var stacked = context.EmitStep("stacked", new ConcatOp(axis + 1), expanded);
        context.Emit(new ReshapeOp(shape.WithDim(axis, shape[axis] * values.Count).ToArray()), stacked);
    }

    /// <summary>squeeze(x, axes): without axes every size-1 axis goes.</summary>
    public static void Squeeze(MilOpContext context)
    {
        var x = context.Input("x");
        var rank = context.ShapeOf(x).Rank;
        var axes = context.Ints("axes", []).Select(a => a < 0 ? a + rank : a).ToArray();
        context.Emit(new SqueezeOp(axes), x);
    }

    public static void ExpandDims(MilOpContext context)
    {
        var x = context.Input("x");
        context.Emit(new ExpandDimsOp(context.Ints("axes")), x);
    }

    /// <summary>slice_by_index(x, begin, end, stride = 1s, begin_mask, end_mask, squeeze_mask = all false).</summary>
    public static void SliceByIndex(MilOpContext context)
    {
        var x = context.Input("x");
        var rank = context.ShapeOf(x).Rank;
        var begin = context.Ints("begin");
        var end = context.Ints("end");
        var stride = context.Ints("stride", Enumerable.Repeat(1, rank).ToArray());
        var beginMask = Flags(context, "begin_mask", rank);
        var endMask = Flags(context, "end_mask", rank);
        var squeezeMask = Flags(context, "squeeze_mask", rank);
        foreach (var (name, length) in new[] { ("begin", begin.Length), ("end", end.Length), ("stride", stride.Length) })
        {
            if (length != rank) throw context.Error(name, $"holds {length} values; the input has rank {rank}.");
        }
        if (stride.Contains(0)) throw context.Error("stride", $"is {MilOpContext.Text(stride)}; a stride cannot be 0.");
        var axes = Enumerable.Range(0, rank).Select(i => new SliceAxis(begin[i], end[i], stride[i], beginMask[i], endMask[i], squeezeMask[i])).ToArray();
        context.Emit(new StridedSliceOp(axes), x);
    }

    private static bool[] Flags(MilOpContext context, string argument, int rank)
    {
        if (!context.Has(argument)) return new bool[rank];
        var values = context.Constant(argument).ToLongs();
        if (values.Length != rank) throw context.Error(argument, $"holds {values.Length} values; the input has rank {rank}.");
        return values.Select(v => v != 0).ToArray();
    }
}
