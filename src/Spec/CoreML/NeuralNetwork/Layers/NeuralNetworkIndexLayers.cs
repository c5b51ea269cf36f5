using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>
/// gatherND, gatherAlongAxis, scatter, scatterAlongAxis, scatterND, oneHot, and the band masks lowerTriangular,
/// upperTriangular and matrixBandPart.
/// </summary>
internal static class NeuralNetworkIndexLayers
{
    /// <summary>Each row of the (float, whole) indices [.., K] addresses the first K axes of the data.</summary>
    public static IReadOnlyList<string> GatherND(NeuralNetworkLayerContext context)
    {
        NeuralNetworkLayerValues.RequireInputs(context, 2);
        var indices = context.Emit("indices", new Cast(DType.Int64), context.Inputs[1]);
        return [context.Emit("", new GatherNDOp(), context.Inputs[0], indices)];
    }

    /// <summary>numpy.take_along_axis(data, indices, axis).</summary>
    public static IReadOnlyList<string> GatherAlongAxis(NeuralNetworkLayerContext context)
    {
        NeuralNetworkLayerValues.RequireInputs(context, 2);
        var indices = context.Emit("indices", new Cast(DType.Int64), context.Inputs[1]);
        return [context.Emit("", new GatherAlongAxisOp(NeuralNetworkLayerValues.Axis(context.Layer.GatherAlongAxis.Axis)), context.Inputs[0], indices)];
    }

    /// <summary>
    /// A new axis of oneHotVectorSize at axis (counted in the output's rank) holding onValue where its position equals the
    /// index and offValue elsewhere; an index outside [0, size) gives all offValue. A second input replaces
    /// oneHotVectorSize (known at read time: it sets the output shape).
    /// </summary>
    public static IReadOnlyList<string> OneHot(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.OneHot;
        if (context.Inputs.Count is not (1 or 2)) throw context.Error("input", $"lists {context.Inputs.Count} blobs; oneHot takes the indices and optionally the vector size.");
        var size = context.Inputs.Count == 2
            ? context.Size((ulong)Math.Max(0L, NeuralNetworkLayerValues.KnownInteger(context, 1, "oneHotVectorSize")), "oneHot size input", 1)
            : context.Size(p.OneHotVectorSize, "oneHot.oneHotVectorSize", 1);
        var indices = context.Inputs[0];
        if ((long)size * context.ShapeOf(indices).ElementCount > Shape.MaxElements)
        {
            throw context.Error("oneHot.oneHotVectorSize", $"is {size}; with input {context.ShapeOf(indices)} the output would exceed {Shape.MaxElements} elements.");
        }
        var rank = context.ShapeOf(indices).Rank + 1;
        var axis = (int)(p.Axis < 0 ? p.Axis + rank : p.Axis);
        if (axis < 0 || axis >= rank) throw context.Error("oneHot.axis", $"is {p.Axis} for a rank-{rank} output; expected -{rank}..{rank - 1}.");
        var positions = Enumerable.Repeat(1, rank).ToArray();
        positions[axis] = size;
        var range = context.Emit("positions", new Constant(Tensor.FromArray(Enumerable.Range(0, size).Select(i => (float)i).ToArray(), positions)));
        var index = context.Emit("index", new ExpandDimsOp([axis]), indices);
        var hit = NeuralNetworkLayerValues.AsFloat(context, "hit", context.Emit("equal", new Compare(CompareKind.Equal), index, range));
        var on = NeuralNetworkLayerValues.Scalar(context, "on", p.OnValue);
        var off = NeuralNetworkLayerValues.Scalar(context, "off", p.OffValue);
        return [context.Emit("", new Select(), hit, on, off)];
    }

    /// <summary>Keeps element (m, n) of each inner matrix where n - m &lt;= k (numpy.tril).</summary>
    public static IReadOnlyList<string> LowerTriangular(NeuralNetworkLayerContext context)
    {
        var k = context.Layer.LowerTriangular.K;
        return Band(context, (m, n) => n - m <= k);
    }

    /// <summary>Keeps element (m, n) of each inner matrix where n - m &gt;= k (numpy.triu).</summary>
    public static IReadOnlyList<string> UpperTriangular(NeuralNetworkLayerContext context)
    {
        var k = context.Layer.UpperTriangular.K;
        return Band(context, (m, n) => n - m >= k);
    }

    /// <summary>band(m, n) = (numLower &lt; 0 || m - n &lt;= numLower) &amp;&amp; (numUpper &lt; 0 || n - m &lt;= numUpper).</summary>
    public static IReadOnlyList<string> MatrixBandPart(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.MatrixBandPart;
        return Band(context, (m, n) => (p.NumLower < 0 || m - n <= p.NumLower) && (p.NumUpper < 0 || n - m <= p.NumUpper));
    }

    /// <summary>output = band(m, n) * input over the last two axes, as NeuralNetwork.proto writes it.</summary>
    private static IReadOnlyList<string> Band(NeuralNetworkLayerContext context, Func<long, long, bool> keep)
    {
        var shape = context.ShapeOf(context.Input);
        if (shape.Rank < 2) throw context.Error("input", $"has shape {shape}; this layer needs rank 2 or more (the last two axes are the matrix).");
        var (rows, columns) = (shape[^2], shape[^1]);
        var mask = new float[rows * columns];
        for (var m = 0; m < rows; m++)
        {
            for (var n = 0; n < columns; n++) mask[m * columns + n] = keep(m, n) ? 1f : 0f;
        }
        var band = context.Emit("band", new Constant(Tensor.FromArray(mask, rows, columns)));
        return [context.Emit("", new BinaryArithmetic(BinaryKind.Multiply), context.Input, band)];
    }

    /// <summary>Inputs container, indices, updates: the inverse of gather along axis, combining by mode.</summary>
    public static IReadOnlyList<string> Scatter(NeuralNetworkLayerContext context) =>
        ScatterInto(context, ScatterAddressing.Take, NeuralNetworkLayerValues.Axis(context.Layer.Scatter.Axis), context.Layer.Scatter.Mode);

    /// <summary>The inverse of gatherAlongAxis (numpy.put_along_axis with a combining mode).</summary>
    public static IReadOnlyList<string> ScatterAlongAxis(NeuralNetworkLayerContext context) =>
        ScatterInto(context, ScatterAddressing.AlongAxis, NeuralNetworkLayerValues.Axis(context.Layer.ScatterAlongAxis.Axis), context.Layer.ScatterAlongAxis.Mode);

    /// <summary>The inverse of gatherND: each index row [.., K] addresses a slice of the container.</summary>
    public static IReadOnlyList<string> ScatterND(NeuralNetworkLayerContext context) =>
        ScatterInto(context, ScatterAddressing.NDimensional, 0, context.Layer.ScatterND.Mode);

    private static IReadOnlyList<string> ScatterInto(NeuralNetworkLayerContext context, ScatterAddressing addressing, int axis, ScatterMode mode)
    {
        NeuralNetworkLayerValues.RequireInputs(context, 3);
        var combine = mode switch
        {
            ScatterMode.ScatterUpdate => ScatterCombine.Replace,
            ScatterMode.ScatterAdd => ScatterCombine.Add,
            ScatterMode.ScatterSub => ScatterCombine.Subtract,
            ScatterMode.ScatterMul => ScatterCombine.Multiply,
            ScatterMode.ScatterDiv => ScatterCombine.Divide,
            ScatterMode.ScatterMax => ScatterCombine.Maximum,
            ScatterMode.ScatterMin => ScatterCombine.Minimum,
            var other => throw context.Error("mode", $"is {other}; expected one of the ScatterMode values."),
        };
        var indices = context.Emit("indices", new Cast(DType.Int64), context.Inputs[1]);
        return [context.Emit("", new ScatterOp(addressing, axis, combine), context.Inputs[0], indices, context.Inputs[2])];
    }
}
