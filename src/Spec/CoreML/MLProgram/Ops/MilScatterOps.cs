using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// scatter(data, indices, updates, axis = 0, mode = "add") (MIL scatter_gather.py): for each i, the slice of data at
/// indices[i] along axis becomes mode(that slice, updates' slice i), in index order. Executed when the indices are
/// known while reading (loop counters of unrolled loops), as slices, the combining op and concatenations.
/// </summary>
internal static class MilScatterOps
{
    public static void Scatter(MilOpContext context)
    {
        var data = context.Input("data");
        var updates = context.Input("updates");
        var shape = context.ShapeOf(data);
        var rank = shape.Rank;
        var axis = context.Int("axis", 0);
        if (axis < -rank || axis >= rank) throw context.Error("axis", $"is {axis}; data has rank {rank}.");
        if (axis < 0) axis += rank;
        if (!context.IsConstant("indices")) throw context.Unsupported("its indices are computed at run time; Parity executes scatter with indices known while reading.");
        var indices = context.Ints("indices");
        var expected = shape.WithDim(axis, indices.Length);
        if (context.ShapeOf(updates) != expected) throw context.Error("updates", $"has shape {context.ShapeOf(updates)}; data {shape} with {indices.Length} indices on axis {axis} needs {expected}.");
        var mode = context.String("mode", "add");
        BinaryKind? combine = mode switch
        {
            "update" => null,
            "add" => BinaryKind.Add,
            "sub" => BinaryKind.Subtract,
            "mul" => BinaryKind.Multiply,
            "div" => BinaryKind.Divide,
            "max" => BinaryKind.Maximum,
            "min" => BinaryKind.Minimum,
            var other => throw context.Error("mode", $"is '{other}'; expected update, add, sub, mul, div, max or min."),
        };
        var size = shape[axis];
        var current = data;
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i] < 0 ? indices[i] + size : indices[i];
            if (index < 0 || index >= size) throw context.Error("indices", $"holds {indices[i]}; axis {axis} of data has size {size}.");
            var row = context.EmitStep($"update{i}", Slice(rank, axis, i, i + 1), updates);
            if (combine is { } kind) row = context.EmitStep($"combined{i}", new BinaryArithmetic(kind), context.EmitStep($"old{i}", Slice(rank, axis, index, index + 1), current), row);
            var parts = new List<string>();
            if (index > 0) parts.Add(context.EmitStep($"before{i}", Slice(rank, axis, 0, index), current));
            parts.Add(row);
            if (index < size - 1) parts.Add(context.EmitStep($"after{i}", Slice(rank, axis, index + 1, size), current));
            current = parts.Count == 1 ? row : context.EmitStep($"scattered{i}", new ConcatOp(axis), [.. parts]);
        }
        context.Emit(new Identity(), current);
    }

    private static StridedSliceOp Slice(int rank, int axis, int begin, int end) =>
        new(Enumerable.Range(0, rank).Select(a => a == axis ? new SliceAxis(begin, end) : SliceAxis.All).ToArray());
}
