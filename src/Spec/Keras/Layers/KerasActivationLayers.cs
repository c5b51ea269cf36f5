using Parity.Engine.Kernels;
using Parity.Engine.Ops.Elementwise;

namespace Parity.Spec.Keras.Layers;

/// <summary>The advanced activation layers: ReLU, LeakyReLU, PReLU, ELU, ThresholdedReLU, Softmax.</summary>
internal static class KerasActivationLayers
{
    /// <summary>ReLU(max_value, negative_slope, threshold): only threshold 0 is supported (the form every converter emits).</summary>
    public static IReadOnlyList<string> ReLU(KerasLayerContext context)
    {
        var args = context.Args;
        if (args.Float(0, "threshold") != 0)
        {
            throw new UnsupportedLayerException(context.File.Path, new UnsupportedLayer(args.Layer, args.ClassName, "ReLU with a non-zero threshold is not supported yet."));
        }
        var max = args.IsSet("max_value") ? args.Float(float.PositiveInfinity, "max_value") : float.PositiveInfinity;
        var slope = args.Float(0, "negative_slope");
        return [context.Emit("", new ElementwiseActivation(new Activation(ActivationKind.ClampedRelu, slope, max)), context.Input)];
    }

    /// <summary>LeakyReLU's slope is "alpha" (default 0.3) through Keras 2 and "negative_slope" in Keras 3.</summary>
    public static IReadOnlyList<string> LeakyReLU(KerasLayerContext context)
    {
        var alpha = context.Args.Float(0.3f, "alpha", "negative_slope");
        return [context.Emit("", new ElementwiseActivation(new Activation(ActivationKind.LeakyRelu, alpha)), context.Input)];
    }

    /// <summary>PReLU's alpha has the input's shape without the batch axis, with 1 on shared axes; it broadcasts against the input.</summary>
    public static IReadOnlyList<string> PReLU(KerasLayerContext context) =>
        [context.Emit("", new ParametricRelu(context.Weight(0)), context.Input)];

    public static IReadOnlyList<string> ELU(KerasLayerContext context) =>
        [context.Emit("", new ElementwiseActivation(new Activation(ActivationKind.Elu, context.Args.Float(1f, "alpha"))), context.Input)];

    public static IReadOnlyList<string> ThresholdedReLU(KerasLayerContext context) =>
        [context.Emit("", new ElementwiseActivation(new Activation(ActivationKind.ThresholdedRelu, context.Args.Float(1f, "theta"))), context.Input)];

    public static IReadOnlyList<string> Softmax(KerasLayerContext context) =>
        [context.Emit("", new AxisSoftmax(context.Args.Int(-1, "axis")), context.Input)];
}
