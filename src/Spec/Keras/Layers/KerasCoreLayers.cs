using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Kernels.Reductions;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Linear;
using Parity.Engine.Ops.Reduction;
using Parity.Engine.Tensors;

namespace Parity.Spec.Keras.Layers;

/// <summary>Dense, Activation, the inference-time identities (Dropout, noise, regularization), Flatten, Reshape, Permute, RepeatVector, Embedding, Masking, TimeDistributed.</summary>
internal static class KerasCoreLayers
{
    public static IReadOnlyList<string> Dense(KerasLayerContext context)
    {
        var input = context.Input;
        var inputUnits = context.ShapeOf(input)[^1];
        var units = context.Args.Int("units", "output_dim");
        var kernel = context.Weight(0, new Shape(inputUnits, units));
        var useBias = context.Args.Bool(true, "use_bias", "bias");
        var bias = useBias ? context.Weight(1, new Shape(units)) : null;
        var (fused, softmax) = KerasActivationNodes.Read(context);
        return [KerasActivationNodes.Finish(context, softmax, step => context.Emit(step, new Dense(kernel, bias, fused), input))];
    }

    public static IReadOnlyList<string> Activation(KerasLayerContext context)
    {
        var (fused, softmax) = KerasActivationNodes.Read(context);
        if (softmax is not null) return [context.Emit("", new AxisSoftmax(-1, log: softmax == "log_softmax"), context.Input)];
        return [context.Emit("", new ElementwiseActivation(fused), context.Input)];
    }

    /// <summary>Dropout, noise and regularization layers compute the identity at inference.</summary>
    public static IReadOnlyList<string> InferenceIdentity(KerasLayerContext context) => [context.Emit("", new Identity(), context.Input)];

    /// <summary>Flattens all but the batch axis in the layer's own layout (for channels_last inputs: H, W, C order).</summary>
    public static IReadOnlyList<string> Flatten(KerasLayerContext context)
    {
        var input = context.Input;
        if (context.Args.String("channels_last", "data_format") == "channels_first" && context.ShapeOf(input).Rank > 2)
        {
            // Keras moves channels last before flattening when data_format is channels_first.
            var rank = context.ShapeOf(input).Rank;
            var perm = new[] { 0 }.Concat(Enumerable.Range(2, rank - 2)).Append(1).ToArray();
            input = context.Emit("channels_last", new TransposeOp(perm), input);
        }
        return [context.Emit("", new FlattenOp(1), input)];
    }

    public static IReadOnlyList<string> Reshape(KerasLayerContext context)
    {
        var target = context.Args.Find("target_shape") as System.Text.Json.Nodes.JsonArray
            ?? throw context.Args.Fail(["target_shape"], "is missing; expected a list of sizes");
        var dims = new[] { context.ShapeOf(context.Input)[0] }.Concat(target.Select(d => d!.GetValue<int>())).ToArray();
        return [context.Emit("", new ReshapeOp(dims), context.Input)];
    }

    /// <summary>Permute's dims are 1-based and exclude the batch axis.</summary>
    public static IReadOnlyList<string> Permute(KerasLayerContext context)
    {
        var dims = context.Args.Find("dims") as System.Text.Json.Nodes.JsonArray
            ?? throw context.Args.Fail(["dims"], "is missing; expected a permutation of 1..rank");
        var perm = new[] { 0 }.Concat(dims.Select(d => d!.GetValue<int>())).ToArray();
        return [context.Emit("", new TransposeOp(perm), context.Input)];
    }

    /// <summary>RepeatVector(n): [batch, features] -> [batch, n, features].</summary>
    public static IReadOnlyList<string> RepeatVector(KerasLayerContext context)
    {
        var n = context.Args.Int("n");
        var expanded = context.Emit("expand", new ExpandDimsOp([1]), context.Input);
        return [context.Emit("", new TileOp([1, n, 1]), expanded)];
    }

    public static IReadOnlyList<string> Embedding(KerasLayerContext context)
    {
        var inputDim = context.Args.Int("input_dim");
        var outputDim = context.Args.Int("output_dim");
        var table = context.Weight(0, new Shape(inputDim, outputDim));
        var output = context.Emit("", new EmbeddingOp(table), context.Input);
        if (context.Args.Bool(false, "mask_zero"))
        {
            // Keras: mask = ids != 0, one flag per step for the layers after it.
            var zero = context.Emit("mask_zero_value", new Constant(Tensor.FromArray([0f], 1)));
            context.OutputMask = context.Emit("mask", new Compare(CompareKind.NotEqual), context.Input, zero);
        }
        return [output];
    }

    /// <summary>
    /// Masking(mask_value): keep = any(x != mask_value, axis=-1); the output is x * keep and keep (as bool [batch, time])
    /// is the mask the following layers see.
    /// </summary>
    public static IReadOnlyList<string> Masking(KerasLayerContext context)
    {
        var x = context.Input;
        if (context.ShapeOf(x).Rank < 3) throw context.Args.Error($"expects [batch, time, features]; got {context.ShapeOf(x)}.");
        var value = context.Emit("mask_value", new Constant(Tensor.FromArray([context.Args.Float(0f, "mask_value")], 1)));
        var differs = context.Emit("differs", new Cast(DType.Float32), context.Emit("not_equal", new Compare(CompareKind.NotEqual), x, value));
        var keep = context.Emit("keep", new Reduce(ReductionKind.Max, [-1], keepDims: true), differs);
        var steps = context.Emit("keep_steps", new Reduce(ReductionKind.Max, [-1], keepDims: false), differs);
        context.OutputMask = context.Emit("mask", new Cast(DType.Bool), steps);
        return [context.Emit("", new BinaryArithmetic(BinaryKind.Multiply), x, keep)];
    }

    /// <summary>TimeDistributed(layer): the wrapped layer runs on [batch * steps, ...] and the result is split back into steps.</summary>
    public static IReadOnlyList<string> TimeDistributed(KerasLayerContext context)
    {
        var args = context.Args;
        var inner = args.Find("layer") as System.Text.Json.Nodes.JsonObject ?? throw args.Fail(["layer"], "is missing; expected the wrapped layer");
        var className = inner["class_name"]?.GetValue<string>() ?? "";
        var config = inner["config"] as System.Text.Json.Nodes.JsonObject ?? throw args.Fail(["layer"], "has no config");
        var shape = context.ShapeOf(context.Input);
        if (shape.Rank < 3) throw args.Error($"expects [batch, steps, ...]; got {shape}.");
        var merged = context.Emit("merge_steps", new ReshapeOp([shape[0] * shape[1], .. shape.Dims[2..].ToArray()]), context.Input);
        var output = context.BuildWrapped(className, config, merged, "inner")[0];
        var outShape = context.ShapeOf(output);
        return [context.Emit("", new ReshapeOp([shape[0], shape[1], .. outShape.Dims[1..].ToArray()]), output)];
    }
}
