using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Normalization;
using Parity.Engine.Ops.Normalization;
using Parity.Engine.Tensors;

namespace Parity.Spec.Keras.Layers;

/// <summary>BatchNormalization (inference), LayerNormalization, and keras_contrib's InstanceNormalization.</summary>
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

    private static int AxisOf(KerasLayerContext context, int axis, Shape shape)
    {
        var a = axis < 0 ? axis + shape.Rank : axis;
        return a >= 0 && a < shape.Rank ? a : throw context.Args.Fail(["axis"], $"is {axis}, outside the input's rank {shape.Rank}");
    }
}
