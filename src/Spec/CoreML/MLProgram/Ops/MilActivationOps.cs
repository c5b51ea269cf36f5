using Parity.Engine.Kernels;
using Parity.Engine.Ops.Elementwise;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>The element-wise activations (MIL activation.py) and softmax along an axis.</summary>
internal static class MilActivationOps
{
    public static void Relu(MilOpContext context) => Apply(context, new Activation(ActivationKind.Relu));

    public static void Sigmoid(MilOpContext context) => Apply(context, new Activation(ActivationKind.Sigmoid));

    public static void Tanh(MilOpContext context) => Apply(context, new Activation(ActivationKind.Tanh));

    /// <summary>softmax(x, axis = -1).</summary>
    public static void Softmax(MilOpContext context) => context.Emit(new AxisSoftmax(context.Int("axis", -1)), context.Input("x"));

    /// <summary>Emits <paramref name="activation"/> on argument x.</summary>
    public static void Apply(MilOpContext context, Activation activation) => context.Emit(new ElementwiseActivation(activation), context.Input("x"));
}
