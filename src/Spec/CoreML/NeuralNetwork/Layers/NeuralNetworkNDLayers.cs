using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>
/// The rank-N data layers of specification 4+: tile, stack, gather, constantPad, getShape, fillStatic/fillLike,
/// rangeStatic, broadcastToStatic/Like, flattenTo2D, reshapeLike, rankPreservingReshape, embeddingND,
/// layerNormalization, sequenceRepeat and slidingWindows; and the *Dynamic layers whose output shape comes from a tensor value,
/// executed when that value is known at read time (<see cref="NeuralNetworkLayerContext.KnownValue"/>) and reported as
/// unsupported otherwise.
/// </summary>
internal static class NeuralNetworkNDLayers
{
    /// <summary>reps (or the read-time value of a second input, which replaces them) shorter than the rank are padded with leading 1s.</summary>
    public static IReadOnlyList<string> Tile(NeuralNetworkLayerContext context)
    {
        if (context.Inputs.Count is not (1 or 2)) throw context.Error("input", $"lists {context.Inputs.Count} blobs; tile takes the tensor and optionally its reps.");
        var reps = context.Inputs.Count == 2
            ? NeuralNetworkLayerValues.KnownIntegers(context, 1, "reps").Select(r => context.Size(r < 0 ? ulong.MaxValue : (ulong)r, "tile reps input")).ToArray()
            : context.Layer.Tile.Reps.Select(r => context.Size(r, "tile.reps")).ToArray();
        var rank = context.ShapeOf(context.Inputs[0]).Rank;
        if (reps.Length == 0 || reps.Length > rank) throw context.Error("tile.reps", $"has {reps.Length} values for a rank-{rank} input; expected 1 to {rank}.");
        int[] full = [.. Enumerable.Repeat(1, rank - reps.Length), .. reps];
        return [context.Emit("", new TileOp(full), context.Inputs[0])];
    }

    /// <summary>Stacks equal-shaped inputs along a new axis (numpy.stack; a negative axis counts in the output's rank).</summary>
    public static IReadOnlyList<string> Stack(NeuralNetworkLayerContext context)
    {
        var axis = NeuralNetworkLayerValues.Axis(context.Layer.Stack.Axis);
        var expanded = context.Inputs.Select((input, k) => context.Emit($"expanded{k}", new ExpandDimsOp([axis]), input)).ToArray();
        return [context.Emit("", new ConcatOp(axis), expanded)];
    }

    /// <summary>numpy.take(data, indices, axis): the float indices are whole numbers; negative ones count from the end.</summary>
    public static IReadOnlyList<string> Gather(NeuralNetworkLayerContext context)
    {
        NeuralNetworkLayerValues.RequireInputs(context, 2);
        var indices = context.Emit("indices", new Cast(DType.Int64), context.Inputs[1]);
        return [context.Emit("", new GatherOp(NeuralNetworkLayerValues.Axis(context.Layer.Gather.Axis)), context.Inputs[0], indices)];
    }

    /// <summary>
    /// Pads every axis by padAmounts (before, after) pairs with value; with padToGivenOutputSizeMode a non-zero amount
    /// is instead the wanted size of that axis, reached by padding on that side.
    /// </summary>
    public static IReadOnlyList<string> ConstantPad(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.ConstantPad;
        if (context.Inputs.Count is not (1 or 2)) throw context.Error("input", $"lists {context.Inputs.Count} blobs; constantPad takes the tensor and optionally its pad amounts.");
        var amounts = context.Inputs.Count == 2
            ? NeuralNetworkLayerValues.KnownIntegers(context, 1, "padAmounts").Select(a => a < 0 ? ulong.MaxValue : (ulong)a).ToArray()
            : p.PadAmounts.ToArray();
        var input = context.Inputs[0];
        var shape = context.ShapeOf(input);
        if (amounts.Length != 2 * shape.Rank) throw context.Error("constantPad.padAmounts", $"has {amounts.Length} values for a rank-{shape.Rank} input; expected {2 * shape.Rank}.");
        var before = new int[shape.Rank];
        var after = new int[shape.Rank];
        for (var a = 0; a < shape.Rank; a++)
        {
            var (start, end) = (context.Size(amounts[2 * a], "constantPad.padAmounts"), context.Size(amounts[2 * a + 1], "constantPad.padAmounts"));
            if (p.PadToGivenOutputSizeMode)
            {
                if (start != 0 && end != 0) throw context.Error("constantPad.padAmounts", $"gives both sizes {start} and {end} for axis {a}; in padToGivenOutputSizeMode only one may be non-zero.");
                (start, end) = (Math.Max(0, start - shape[a]), Math.Max(0, end - shape[a]));
            }
            (before[a], after[a]) = (start, end);
        }
        return [context.Emit("", new PadOp(before, after, PadMode.Constant, p.Value), input)];
    }

    /// <summary>The input's shape as a rank-1 float tensor (shapes are static here, so this is a constant).</summary>
    public static IReadOnlyList<string> GetShape(NeuralNetworkLayerContext context)
    {
        var shape = context.ShapeOf(context.Input);
        return [context.Emit("", new Constant(Tensor.FromArray(shape.Dims.ToArray().Select(d => (float)d).ToArray(), shape.Rank)))];
    }

    public static IReadOnlyList<string> FillStatic(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.FillStatic;
        var shape = p.TargetShape.Select(d => context.Size(d, "fillStatic.targetShape", 1)).ToArray();
        if (shape.Length == 0) throw context.Error("fillStatic.targetShape", "is empty; expected the output shape.");
        return [NeuralNetworkLayerValues.Filled(context, "", shape, p.Value)];
    }

    /// <summary>fillDynamic: value everywhere, in the shape the input holds (known at read time).</summary>
    public static IReadOnlyList<string> FillDynamic(NeuralNetworkLayerContext context)
    {
        var shape = KnownShape(context, 0, "the output shape");
        return [NeuralNetworkLayerValues.Filled(context, "", shape, context.Layer.FillDynamic.Value)];
    }

    public static IReadOnlyList<string> FillLike(NeuralNetworkLayerContext context) =>
        [NeuralNetworkLayerValues.Filled(context, "", context.ShapeOf(context.Input).ToArray(), context.Layer.FillLike.Value)];

    /// <summary>numpy.arange(start, end, step): ceil((end - start) / step) values start + i * step.</summary>
    public static IReadOnlyList<string> RangeStatic(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.RangeStatic;
        return [Range(context, p.StartValue, p.EndValue, p.StepSizeValue)];
    }

    /// <summary>rangeDynamic: end is input 1, start input 2 and step input 3 when present (else the parameters), known at read time.</summary>
    public static IReadOnlyList<string> RangeDynamic(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.RangeDynamic;
        if (context.Inputs.Count is < 1 or > 3) throw context.Error("input", $"lists {context.Inputs.Count} blobs; rangeDynamic takes end, and optionally start and step.");
        var end = NeuralNetworkLayerValues.KnownScalar(context, 0, "end");
        var start = context.Inputs.Count > 1 ? NeuralNetworkLayerValues.KnownScalar(context, 1, "start") : p.StartValue;
        var step = context.Inputs.Count > 2 ? NeuralNetworkLayerValues.KnownScalar(context, 2, "step") : p.StepSizeValue;
        return [Range(context, start, end, step)];
    }

    private static string Range(NeuralNetworkLayerContext context, float start, float end, float step)
    {
        if (step == 0f || !float.IsFinite(step) || !float.IsFinite(start) || !float.IsFinite(end))
        {
            throw context.Error(context.TypeName, $"is start {start}, end {end}, step {step}; expected finite values and a non-zero step.");
        }
        var count = Math.Max(0d, Math.Ceiling(((double)end - start) / step));
        if (count > Shape.MaxElements) throw context.Error(context.TypeName, $"would hold {count} values; expected at most {Shape.MaxElements}.");
        var values = new float[(int)count];
        for (var i = 0; i < values.Length; i++) values[i] = (float)(start + i * (double)step);
        return context.Emit("", new Constant(Tensor.FromArray(values, values.Length)));
    }

    /// <summary>NumPy broadcast_to(x, targetShape), computed exactly as x * ones(targetShape).</summary>
    public static IReadOnlyList<string> BroadcastToStatic(NeuralNetworkLayerContext context)
    {
        var target = context.Layer.BroadcastToStatic.TargetShape.Select(d => context.Size(d, "broadcastToStatic.targetShape", 1)).ToArray();
        return [BroadcastTo(context, target)];
    }

    public static IReadOnlyList<string> BroadcastToLike(NeuralNetworkLayerContext context)
    {
        NeuralNetworkLayerValues.RequireInputs(context, 2);
        return [BroadcastTo(context, context.ShapeOf(context.Inputs[1]).ToArray())];
    }

    /// <summary>[prod(shape[:axis]), prod(shape[axis:])]; a negative axis counts from the end.</summary>
    public static IReadOnlyList<string> FlattenTo2D(NeuralNetworkLayerContext context)
    {
        var shape = context.ShapeOf(context.Input);
        var axis = NeuralNetworkLayerValues.Axis(context.Layer.FlattenTo2D.Axis);
        if (axis < 0) axis += shape.Rank;
        if (axis < 0 || axis > shape.Rank) throw context.Error("flattenTo2D.axis", $"is {context.Layer.FlattenTo2D.Axis} for a rank-{shape.Rank} input; expected -{shape.Rank}..{shape.Rank}.");
        return [context.Emit("", new ReshapeOp([shape.Product(0, axis), shape.Product(axis, shape.Rank)]), context.Input)];
    }

    /// <summary>Reshapes the first input to the shape of the second (whose values are not read).</summary>
    public static IReadOnlyList<string> ReshapeLike(NeuralNetworkLayerContext context)
    {
        NeuralNetworkLayerValues.RequireInputs(context, 2);
        return [context.Emit("", new ReshapeOp(context.ShapeOf(context.Inputs[1]).ToArray()), context.Inputs[0])];
    }

    /// <summary>Same-rank reshape: 0 keeps the input's size on that axis, one -1 is inferred.</summary>
    public static IReadOnlyList<string> RankPreservingReshape(NeuralNetworkLayerContext context)
    {
        var target = context.Layer.RankPreservingReshape.TargetShape.Select(d => (int)Math.Clamp(d, -1, int.MaxValue)).ToArray();
        var rank = context.ShapeOf(context.Input).Rank;
        if (target.Length != rank) throw context.Error("rankPreservingReshape.targetShape", $"has {target.Length} values for a rank-{rank} input; expected {rank}.");
        return [context.Emit("", new ReshapeOp(target, zeroCopiesDimension: true), context.Input)];
    }

    /// <summary>Ids [..., 1] (floats in [0, vocabSize)) to [..., embeddingSize]; weights stored [embeddingSize, vocabSize].</summary>
    public static IReadOnlyList<string> EmbeddingND(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.EmbeddingND;
        var shape = context.ShapeOf(context.Input);
        if (shape.Rank < 1 || shape[^1] != 1) throw context.Error("input", $"has shape {shape}; embeddingND needs ids of shape [..., 1].");
        var vocabulary = context.Size(p.VocabSize, "embeddingND.vocabSize", 1);
        var width = context.Size(p.EmbeddingSize, "embeddingND.embeddingSize", 1);
        var stored = context.Weights(p.Weights, [width, vocabulary], "embeddingND.weights").Floats;
        var table = new float[vocabulary * width];
        for (var o = 0; o < width; o++)
        {
            for (var v = 0; v < vocabulary; v++) table[v * width + o] = stored[o * vocabulary + v];
        }
        var looked = context.Emit("lookup", new EmbeddingOp(Tensor.FromArray(table, vocabulary, width)), context.Input);
        int[] outShape = [.. shape.Dims[..^1], width];
        var blob = context.Emit(p.HasBias ? "unbiased" : "", new ReshapeOp(outShape), looked);
        if (!p.HasBias) return [blob];
        var bias = context.Weights(p.Bias, [width], "embeddingND.bias");
        return [context.Emit("", new BinaryArithmetic(BinaryKind.Add), blob, context.Emit("bias", new Constant(bias)))];
    }

    /// <summary>gamma * (x - mean) / sqrt(variance + eps) + beta over the last len(normalizedShape) axes.</summary>
    public static IReadOnlyList<string> LayerNormalization(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.LayerNormalization;
        var shape = context.ShapeOf(context.Input);
        var normalized = p.NormalizedShape.Select(d => context.Size((ulong)Math.Max(0, d), "layerNormalization.normalizedShape", 1)).ToArray();
        if (normalized.Length == 0 || normalized.Length > shape.Rank || !normalized.SequenceEqual(shape.Dims[^normalized.Length..].ToArray()))
        {
            throw context.Error("layerNormalization.normalizedShape", $"is [{string.Join(", ", p.NormalizedShape)}]; expected the trailing axes of the input {shape}.");
        }
        var gamma = context.Weights(p.Gamma, normalized, "layerNormalization.gamma");
        var beta = context.Weights(p.Beta, normalized, "layerNormalization.beta");
        var axes = Enumerable.Range(shape.Rank - normalized.Length, normalized.Length).ToArray();
        var count = normalized.Aggregate(1, (a, b) => a * b);
        return [context.Emit("", new Parity.Engine.Ops.Normalization.LayerNormalization(axes, gamma.Reshape(new Shape(count)), beta.Reshape(new Shape(count)), p.Eps), context.Input)];
    }

    /// <summary>Repeats the sequence axis (-5) nRepetitions times (0 means 1); blobs without a sequence axis hold a sequence of 1.</summary>
    public static IReadOnlyList<string> SequenceRepeat(NeuralNetworkLayerContext context)
    {
        var repetitions = Math.Max(1, context.Size(context.Layer.SequenceRepeat.NRepetitions, "sequenceRepeat.nRepetitions"));
        var shape = context.ShapeOf(context.Input);
        if (shape.Rank >= 5)
        {
            var reps = Enumerable.Repeat(1, shape.Rank).ToArray();
            reps[shape.Rank - 5] = repetitions;
            return [context.Emit("", new TileOp(reps), context.Input)];
        }
        if (repetitions == 1) return [context.Emit("", new Identity(), context.Input)];
        throw context.Unsupported($"sequenceRepeat x{repetitions} of a {shape} blob makes a sequence axis; [Batch, C, H, W] blobs with a sequence length above 1 are not represented yet.");
    }

    /// <summary>
    /// Windows of windowSize elements every step along axis: the axis of length L becomes [M, windowSize] with
    /// M = (L - windowSize) / step + 1, i.e. data gathered at the constant positions m * step + w.
    /// </summary>
    public static IReadOnlyList<string> SlidingWindows(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.SlidingWindows;
        var shape = context.ShapeOf(context.Input);
        var axis = NeuralNetworkLayerValues.Axis(p.Axis);
        if (axis < 0) axis += shape.Rank;
        if (axis < 0 || axis >= shape.Rank) throw context.Error("slidingWindows.axis", $"is {p.Axis} for a rank-{shape.Rank} input; expected -{shape.Rank}..{shape.Rank - 1}.");
        var window = context.Size(p.WindowSize, "slidingWindows.windowSize", 1);
        var step = context.Size(p.Step, "slidingWindows.step", 1);
        if (window > shape[axis]) throw context.Error("slidingWindows.windowSize", $"is {window}, longer than axis {axis} of {shape}.");
        var windows = (shape[axis] - window) / step + 1;
        if ((long)windows * window * (shape.ElementCount / shape[axis]) > Shape.MaxElements)
        {
            throw context.Error("slidingWindows", $"makes {windows} windows of {window} from {shape}; the output would exceed {Shape.MaxElements} elements.");
        }
        var positions = new long[windows * window];
        for (var m = 0; m < windows; m++)
        {
            for (var w = 0; w < window; w++) positions[m * window + w] = (long)m * step + w;
        }
        var indices = context.Emit("positions", new Constant(Tensor.FromSpan<long>(positions, new Shape(windows, window))));
        return [context.Emit("", new GatherOp(axis), context.Input, indices)];
    }

    /// <summary>reshapeDynamic: reshapes input 1 to the shape input 2 holds (known at read time).</summary>
    public static IReadOnlyList<string> ReshapeDynamic(NeuralNetworkLayerContext context)
    {
        NeuralNetworkLayerValues.RequireInputs(context, 2);
        var target = NeuralNetworkLayerValues.KnownIntegers(context, 1, "the target shape").Select(d => checked((int)d)).ToArray();
        return [context.Emit("", new ReshapeOp(target), context.Inputs[0])];
    }

    /// <summary>broadcastToDynamic: broadcasts input 1 to the shape input 2 holds (known at read time).</summary>
    public static IReadOnlyList<string> BroadcastToDynamic(NeuralNetworkLayerContext context)
    {
        NeuralNetworkLayerValues.RequireInputs(context, 2);
        return [BroadcastTo(context, KnownShape(context, 1, "the target shape"))];
    }

    private static int[] KnownShape(NeuralNetworkLayerContext context, int index, string what)
    {
        var dims = NeuralNetworkLayerValues.KnownIntegers(context, index, what);
        if (dims.Length == 0) throw context.Error("input", $"{what} is empty; expected at least one dimension.");
        return dims.Select(d => context.Size(d < 1 ? 0 : (ulong)d, $"{context.TypeName} {what}", 1)).ToArray();
    }

    private static string BroadcastTo(NeuralNetworkLayerContext context, int[] target)
    {
        var shape = context.ShapeOf(context.Inputs[0]);
        if (!Broadcasting.AreCompatible(shape, new Shape(target)) || Broadcasting.ResultShape(shape, new Shape(target)) != new Shape(target))
        {
            throw context.Error("input", $"has shape {shape}, which does not broadcast to [{string.Join(", ", target)}].");
        }
        var ones = NeuralNetworkLayerValues.Filled(context, "ones", target, 1f);
        return context.Emit("", new BinaryArithmetic(BinaryKind.Multiply), context.Inputs[0], ones);
    }
}
