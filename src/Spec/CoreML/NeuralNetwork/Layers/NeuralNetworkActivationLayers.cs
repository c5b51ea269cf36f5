using Parity.Engine.Kernels;
using Parity.Engine.Ops.Elementwise;
using Parity.Spec.CoreML.Format;
using ActivationFunction = Parity.Engine.Kernels.Activation;
using ClipOp = Parity.Engine.Ops.Elementwise.Clip;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>activation (every ActivationParams kind, with Core ML's parameters), softmax over C, softmaxND and clip.</summary>
internal static class NeuralNetworkActivationLayers
{
    public static IReadOnlyList<string> Activation(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Activation;
        var input = context.Input;
        switch (p.NonlinearityTypeCase)
        {
            case ActivationParams.NonlinearityTypeOneofCase.PReLU:
                var shape = context.ShapeOf(input);
                var channels = shape.Rank >= 3 ? shape[shape.Rank - 3] : shape[shape.Rank - 1];
                var count = NeuralNetworkWeights.Count(context, p.PReLU.Alpha) == 1 ? 1 : channels;
                var alpha = context.Weights(p.PReLU.Alpha, [count], "activation.PReLU.alpha");
                if (count == 1) return [context.Emit("", new ElementwiseActivation(new ActivationFunction(ActivationKind.LeakyRelu, alpha.Floats[0])), input)];
                return [context.Emit("", new ParametricRelu(alpha, Layout.Nchw), input)];
            case ActivationParams.NonlinearityTypeOneofCase.ParametricSoftplus:
                if (NeuralNetworkWeights.Count(context, p.ParametricSoftplus.Alpha) == 1 && NeuralNetworkWeights.Count(context, p.ParametricSoftplus.Beta) == 1)
                {
                    using var alpha1 = context.Weights(p.ParametricSoftplus.Alpha, [1], "activation.parametricSoftplus.alpha");
                    using var beta1 = context.Weights(p.ParametricSoftplus.Beta, [1], "activation.parametricSoftplus.beta");
                    return [context.Emit("", new ElementwiseActivation(new ActivationFunction(ActivationKind.ParametricSoftplus, alpha1.Floats[0], beta1.Floats[0])), input)];
                }
                // alpha_c * log(1 + exp(beta_c * x)) per channel: x * beta, softplus, * alpha, with [C, 1, 1] constants.
                var betaValue = PerChannel(context, p.ParametricSoftplus.Beta, input, "activation.parametricSoftplus.beta");
                var scaled = context.Emit("scaled", new BinaryArithmetic(Engine.Kernels.Elementwise.BinaryKind.Multiply), input, betaValue);
                var softplus = context.Emit("softplus", new ElementwiseActivation(new ActivationFunction(ActivationKind.Softplus)), scaled);
                var alphaValue = PerChannel(context, p.ParametricSoftplus.Alpha, input, "activation.parametricSoftplus.alpha");
                return [context.Emit("", new BinaryArithmetic(Engine.Kernels.Elementwise.BinaryKind.Multiply), softplus, alphaValue)];
            default:
                return [context.Emit("", new ElementwiseActivation(Function(context, p, "activation")), input)];
        }
    }

    /// <summary>
    /// One value or one per channel (C is the third axis from the end of [.., C, H, W], or the last of a shorter blob)
    /// as a constant that broadcasts over <paramref name="input"/>.
    /// </summary>
    private static string PerChannel(NeuralNetworkLayerContext context, WeightParams? weights, string input, string field)
    {
        var shape = context.ShapeOf(input);
        var channels = shape.Rank >= 3 ? shape[shape.Rank - 3] : shape[shape.Rank - 1];
        var count = NeuralNetworkWeights.Count(context, weights) == 1 ? 1 : channels;
        using var values = context.Weights(weights, [count], field);
        var step = field[(field.LastIndexOf('.') + 1)..];
        return context.Emit(step, new Engine.Ops.Core.Constant(values.Reshape(shape.Rank >= 3 ? new Engine.Tensors.Shape(count, 1, 1) : new Engine.Tensors.Shape(count))));
    }

    /// <summary>The element-wise function of an ActivationParams without per-channel parameters (also used for recurrent gates).</summary>
    public static ActivationFunction Function(NeuralNetworkLayerContext context, ActivationParams p, string field) => p.NonlinearityTypeCase switch
    {
        ActivationParams.NonlinearityTypeOneofCase.Linear => new(ActivationKind.Linear, p.Linear.Alpha, p.Linear.Beta),
        ActivationParams.NonlinearityTypeOneofCase.ReLU => new(ActivationKind.Relu),
        ActivationParams.NonlinearityTypeOneofCase.LeakyReLU => new(ActivationKind.LeakyRelu, p.LeakyReLU.Alpha),
        ActivationParams.NonlinearityTypeOneofCase.ThresholdedReLU => new(ActivationKind.ThresholdedRelu, p.ThresholdedReLU.Alpha),
        ActivationParams.NonlinearityTypeOneofCase.Tanh => new(ActivationKind.Tanh),
        ActivationParams.NonlinearityTypeOneofCase.ScaledTanh => new(ActivationKind.ScaledTanh, p.ScaledTanh.Alpha, p.ScaledTanh.Beta),
        ActivationParams.NonlinearityTypeOneofCase.Sigmoid => new(ActivationKind.Sigmoid),
        ActivationParams.NonlinearityTypeOneofCase.SigmoidHard => new(ActivationKind.HardSigmoid, p.SigmoidHard.Alpha, p.SigmoidHard.Beta),
        ActivationParams.NonlinearityTypeOneofCase.ELU => new(ActivationKind.Elu, p.ELU.Alpha),
        ActivationParams.NonlinearityTypeOneofCase.Softsign => new(ActivationKind.Softsign),
        ActivationParams.NonlinearityTypeOneofCase.Softplus => new(ActivationKind.Softplus),
        ActivationParams.NonlinearityTypeOneofCase.PReLU or ActivationParams.NonlinearityTypeOneofCase.ParametricSoftplus =>
            throw context.Unsupported($"{field} uses {p.NonlinearityTypeCase}, whose per-channel parameters are not supported here."),
        _ => throw context.Error(field, $"sets no known nonlinearity ({p.NonlinearityTypeCase})."),
    };

    /// <summary>The original softmax normalizes over C, the third axis from the end of [.., C, H, W].</summary>
    public static IReadOnlyList<string> Softmax(NeuralNetworkLayerContext context)
    {
        var rank = context.ShapeOf(context.Input).Rank;
        return [context.Emit("", new AxisSoftmax(rank >= 3 ? -3 : -1), context.Input)];
    }

    public static IReadOnlyList<string> SoftmaxND(NeuralNetworkLayerContext context) =>
        [context.Emit("", new AxisSoftmax(checked((int)context.Layer.SoftmaxND.Axis)), context.Input)];

    public static IReadOnlyList<string> Clip(NeuralNetworkLayerContext context) =>
        [context.Emit("", new ClipOp(context.Layer.Clip.MinVal, context.Layer.Clip.MaxVal), context.Input)];
}
