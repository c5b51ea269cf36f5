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
        ActivationFunction function;
        switch (p.NonlinearityTypeCase)
        {
            case ActivationParams.NonlinearityTypeOneofCase.Linear: function = new(ActivationKind.Linear, p.Linear.Alpha, p.Linear.Beta); break;
            case ActivationParams.NonlinearityTypeOneofCase.ReLU: function = new(ActivationKind.Relu); break;
            case ActivationParams.NonlinearityTypeOneofCase.LeakyReLU: function = new(ActivationKind.LeakyRelu, p.LeakyReLU.Alpha); break;
            case ActivationParams.NonlinearityTypeOneofCase.ThresholdedReLU: function = new(ActivationKind.ThresholdedRelu, p.ThresholdedReLU.Alpha); break;
            case ActivationParams.NonlinearityTypeOneofCase.Tanh: function = new(ActivationKind.Tanh); break;
            case ActivationParams.NonlinearityTypeOneofCase.ScaledTanh: function = new(ActivationKind.ScaledTanh, p.ScaledTanh.Alpha, p.ScaledTanh.Beta); break;
            case ActivationParams.NonlinearityTypeOneofCase.Sigmoid: function = new(ActivationKind.Sigmoid); break;
            case ActivationParams.NonlinearityTypeOneofCase.SigmoidHard: function = new(ActivationKind.HardSigmoid, p.SigmoidHard.Alpha, p.SigmoidHard.Beta); break;
            case ActivationParams.NonlinearityTypeOneofCase.ELU: function = new(ActivationKind.Elu, p.ELU.Alpha); break;
            case ActivationParams.NonlinearityTypeOneofCase.Softsign: function = new(ActivationKind.Softsign); break;
            case ActivationParams.NonlinearityTypeOneofCase.Softplus: function = new(ActivationKind.Softplus); break;
            case ActivationParams.NonlinearityTypeOneofCase.PReLU:
                var shape = context.ShapeOf(input);
                var channels = shape.Rank >= 3 ? shape[shape.Rank - 3] : shape[shape.Rank - 1];
                var count = p.PReLU.Alpha is { FloatValue.Count: 1 } ? 1 : channels;
                var alpha = context.Weights(p.PReLU.Alpha, [count], "activation.PReLU.alpha");
                if (count == 1) function = new(ActivationKind.LeakyRelu, alpha.Floats[0]);
                else return [context.Emit("", new ParametricRelu(alpha, Layout.Nchw), input)];
                break;
            case ActivationParams.NonlinearityTypeOneofCase.ParametricSoftplus:
                var alphas = p.ParametricSoftplus.Alpha?.FloatValue;
                var betas = p.ParametricSoftplus.Beta?.FloatValue;
                if (alphas is not { Count: 1 } || betas is not { Count: 1 })
                {
                    throw context.Unsupported("parametricSoftplus with per-channel alpha/beta is not executed yet (only one shared alpha and beta).");
                }
                function = new(ActivationKind.ParametricSoftplus, alphas[0], betas[0]);
                break;
            default:
                throw context.Error("activation", $"sets no known nonlinearity ({p.NonlinearityTypeCase}).");
        }
        return [context.Emit("", new ElementwiseActivation(function), input)];
    }

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
