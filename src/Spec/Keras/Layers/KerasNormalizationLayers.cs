using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Kernels.Normalization;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Ops.Normalization;
using Parity.Engine.Tensors;

namespace Parity.Spec.Keras.Layers;

/// <summary>BatchNormalization (inference), LayerNormalization, GroupNormalization, UnitNormalization, and keras_contrib's InstanceNormalization.</summary>
internal static class KerasNormalizationLayers
{
    /// <summary>
    /// Weights in file order: gamma (when scale), beta (when center), moving mean, moving variance. Keras 1 called the
    /// last one running_std, but it held the variance and was used as one.
    /// </summary>
    public static IReadOnlyList<string> BatchNormalization(KerasLayerContext context)
    {
        var args = context.Args;
        if (args.Int(0, "mode") != 0)
        {
            throw new UnsupportedLayerException(context.File.Path, new UnsupportedLayer(args.Layer, args.ClassName, "Keras 1 BatchNormalization modes 1 and 2 (per-sample statistics) are not supported."));
        }
        var shape = context.ShapeOf(context.Input);
        var axis = AxisOf(context, args.Find("axis") is System.Text.Json.Nodes.JsonArray list ? list[0]!.GetValue<int>() : args.Int(-1, "axis"), shape);
        var channels = new Shape(shape[axis]);
        var scale = args.Bool(true, "scale");
        var center = args.Bool(true, "center");
        var index = 0;
        var gamma = scale ? context.Weight(index++, channels) : null;
        var beta = center ? context.Weight(index++, channels) : null;
        var mean = context.Weight(index++, channels);
        var variance = context.Weight(index, channels);
        var epsilon = args.Float(1e-3f, "epsilon");
        return [context.Emit("", new BatchNormalization(axis, mean, variance, gamma, beta, epsilon), context.Input)];
    }

    public static IReadOnlyList<string> LayerNormalization(KerasLayerContext context)
    {
        var args = context.Args;
        var shape = context.ShapeOf(context.Input);
        var axes = args.Find("axis") is System.Text.Json.Nodes.JsonArray list
            ? list.Select(a => AxisOf(context, a!.GetValue<int>(), shape)).ToArray()
            : [AxisOf(context, args.Int(-1, "axis"), shape)];
        var paramShape = new Shape(axes.Select(a => shape[a]).ToArray());
        var index = 0;
        var gamma = args.Bool(true, "scale") ? context.Weight(index++).Reshape(paramShape) : null;
        var beta = args.Bool(true, "center") ? context.Weight(index).Reshape(paramShape) : null;
        return [context.Emit("", new LayerNormalization(axes, gamma, beta, args.Float(1e-3f, "epsilon")), context.Input)];
    }

    /// <summary>keras_contrib InstanceNormalization divides by (std + epsilon), not sqrt(var + epsilon): see FINDINGS.md 3.</summary>
    public static IReadOnlyList<string> InstanceNormalization(KerasLayerContext context)
    {
        var args = context.Args;
        var shape = context.ShapeOf(context.Input);
        if (shape.Rank != 4) throw args.Error($"expects a rank-4 image tensor; got {shape}.");
        var axis = AxisOf(context, args.Int(-1, "axis"), shape);
        var layout = axis switch
        {
            3 => Layout.Nhwc,
            1 => Layout.Nchw,
            _ => throw new UnsupportedLayerException(context.File.Path, new UnsupportedLayer(args.Layer, args.ClassName, $"instance normalization over axis {axis} is not supported (only a channel axis 1 or 3).")),
        };
        var channels = new Shape(shape[axis]);
        var index = 0;
        var gamma = args.Bool(true, "scale") ? context.Weight(index++, channels) : null;
        var beta = args.Bool(true, "center") ? context.Weight(index, channels) : null;
        return [context.Emit("", new InstanceNormalization(layout, gamma, beta, args.Float(1e-3f, "epsilon"), EpsilonPlacement.AddToStandardDeviation), context.Input)];
    }

    /// <summary>
    /// UnitNormalization divides by the L2 norm over "axis" (adjacent axes only). tf-keras calls tf.math.l2_normalize,
    /// x / sqrt(max(sum x^2, 1e-12)); Keras 3 calls ops.normalize, x * min(rsqrt(sum x^2), 1 / 1e-12), which floors the norm
    /// itself at 1e-12.
    /// </summary>
    public static IReadOnlyList<string> UnitNormalization(KerasLayerContext context)
    {
        var args = context.Args;
        var shape = context.ShapeOf(context.Input);
        var axes = (args.Find("axis") is System.Text.Json.Nodes.JsonArray list
            ? list.Select(a => AxisOf(context, a!.GetValue<int>(), shape))
            : [AxisOf(context, args.Int(-1, "axis"), shape)]).Distinct().Order().ToArray();
        if (axes[^1] - axes[0] != axes.Length - 1)
        {
            throw new UnsupportedLayerException(context.File.Path, new UnsupportedLayer(args.Layer, args.ClassName, $"normalizing over non-adjacent axes [{string.Join(", ", axes)}] is not supported."));
        }
        var rule = context.KerasMajorVersion >= 3 ? L2NormEpsilon.FloorNorm : L2NormEpsilon.FloorSumOfSquares;
        return [context.Emit("", new L2Normalization(axes, 1e-12f, rule), context.Input)];
    }

    /// <summary>
    /// GroupNormalization (tf-keras 2.11+, Keras 3): the channel axis splits into "groups" groups of adjacent channels; each
    /// sample's group is normalized over its channels and every other non-batch axis with (x - mean) / sqrt(var + epsilon),
    /// then scaled by gamma and shifted by beta per channel. The groups are gathered as [N, G, rest...] by a reshape (and a
    /// transpose when axes precede the channel axis), so layer normalization over the trailing axes computes them.
    /// </summary>
    public static IReadOnlyList<string> GroupNormalization(KerasLayerContext context)
    {
        var args = context.Args;
        var shape = context.ShapeOf(context.Input);
        var axis = AxisOf(context, args.Int(-1, "axis"), shape);
        if (axis == 0) throw args.Fail(["axis"], "is the batch axis; expected a channel axis");
        var channels = shape[axis];
        var groups = args.Int(32, "groups");
        if (groups < 1 || channels % groups != 0) throw args.Fail(["groups"], $"is {groups}, which does not divide the {channels} channels of axis {axis}");
        var before = shape.Product(1, axis);
        var after = shape.Product(axis + 1, shape.Rank) * (channels / groups);
        var epsilon = args.Float(1e-3f, "epsilon");
        string normalized;
        if (before == 1)
        {
            var grouped = context.Emit("groups", new ReshapeOp([shape[0], groups, after]), context.Input);
            normalized = context.Emit("normalized", new LayerNormalization([2], null, null, epsilon), grouped);
        }
        else
        {
            var grouped = context.Emit("groups", new ReshapeOp([shape[0], before, groups, after]), context.Input);
            var groupsFirst = context.Emit("groups_first", new TransposeOp([0, 2, 1, 3]), grouped);
            var moments = context.Emit("normalized_groups", new LayerNormalization([2, 3], null, null, epsilon), groupsFirst);
            normalized = context.Emit("normalized", new TransposeOp([0, 2, 1, 3]), moments);
        }
        var restored = context.Emit("restored", new ReshapeOp(shape.Dims.ToArray()), normalized);
        var perChannel = Enumerable.Repeat(1, shape.Rank).ToArray();
        perChannel[axis] = channels;
        var index = 0;
        var result = restored;
        var scale = args.Bool(true, "scale");
        var center = args.Bool(true, "center");
        if (scale)
        {
            var gamma = context.Emit("gamma", new Constant(context.Weight(index++, new Shape(channels)).Reshape(new Shape(perChannel))));
            result = context.Emit(center ? "scaled" : "", new BinaryArithmetic(BinaryKind.Multiply), result, gamma);
        }
        if (center)
        {
            var beta = context.Emit("beta", new Constant(context.Weight(index, new Shape(channels)).Reshape(new Shape(perChannel))));
            result = context.Emit("", new BinaryArithmetic(BinaryKind.Add), result, beta);
        }
        return [scale || center ? result : context.Emit("", new Identity(), restored)];
    }

    private static int AxisOf(KerasLayerContext context, int axis, Shape shape)
    {
        var a = axis < 0 ? axis + shape.Rank : axis;
        return a >= 0 && a < shape.Rank ? a : throw context.Args.Fail(["axis"], $"is {axis}, outside the input's rank {shape.Rank}");
    }
}
