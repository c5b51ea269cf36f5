using Parity.Engine.Kernels;
using Parity.Engine.Ops.Elementwise;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>The element-wise activations with MIL's parameter defaults (activation.py, iOS 15+), clip, and softmax along an axis.</summary>
internal static class MilActivationOps
{
    public static void Relu(MilOpContext context) => Apply(context, new Activation(ActivationKind.Relu));

    public static void Relu6(MilOpContext context) => Apply(context, new Activation(ActivationKind.Relu6));

    public static void Sigmoid(MilOpContext context) => Apply(context, new Activation(ActivationKind.Sigmoid));

    public static void Tanh(MilOpContext context) => Apply(context, new Activation(ActivationKind.Tanh));

    /// <summary>x if x &gt;= 0 else alpha * x; alpha defaults to 0.01.</summary>
    public static void LeakyRelu(MilOpContext context) => Apply(context, new Activation(ActivationKind.LeakyRelu, context.Float("alpha", 0.01f)));

    /// <summary>x if x &gt; 0 else alpha * (exp(x) - 1); alpha defaults to 1.</summary>
    public static void Elu(MilOpContext context) => Apply(context, new Activation(ActivationKind.Elu, context.Float("alpha", 1f)));

    /// <summary>min(max(alpha * x + beta, 0), 1) with alpha 0.2 and beta 0.5 by default.</summary>
    public static void SigmoidHard(MilOpContext context) =>
        Apply(context, new Activation(ActivationKind.HardSigmoid, context.Float("alpha", 0.2f), context.Float("beta", 0.5f)));

    /// <summary>x * sigmoid(x).</summary>
    public static void Silu(MilOpContext context) => Apply(context, new Activation(ActivationKind.Swish));

    /// <summary>mode EXACT (default), TANH_APPROXIMATION or SIGMOID_APPROXIMATION (x * sigmoid(1.702 x)).</summary>
    public static void Gelu(MilOpContext context) => Apply(context, context.String("mode", "EXACT") switch
    {
        "EXACT" => new Activation(ActivationKind.Gelu),
        "TANH_APPROXIMATION" => new Activation(ActivationKind.GeluTanh),
        "SIGMOID_APPROXIMATION" => new Activation(ActivationKind.GeluSigmoid),
        var other => throw context.Error("mode", $"is '{other}'; expected EXACT, TANH_APPROXIMATION or SIGMOID_APPROXIMATION."),
    });

    public static void Softplus(MilOpContext context) => Apply(context, new Activation(ActivationKind.Softplus));

    public static void Softsign(MilOpContext context) => Apply(context, new Activation(ActivationKind.Softsign));

    /// <summary>alpha * tanh(beta * x); both default to 1.</summary>
    public static void ScaledTanh(MilOpContext context) =>
        Apply(context, new Activation(ActivationKind.ScaledTanh, context.Float("alpha", 1f), context.Float("beta", 1f)));

    /// <summary>x if x &gt;= 0 else alpha * x, then at most beta (both required).</summary>
    public static void ClampedRelu(MilOpContext context) =>
        Apply(context, new Activation(ActivationKind.ClampedRelu, context.Float("alpha"), context.Float("beta")));

    /// <summary>x if x &gt; alpha else 0; alpha defaults to 1.</summary>
    public static void ThresholdedRelu(MilOpContext context) => Apply(context, new Activation(ActivationKind.ThresholdedRelu, context.Float("alpha", 1f)));

    /// <summary>alpha * x + beta; beta defaults to 0.</summary>
    public static void LinearActivation(MilOpContext context) =>
        Apply(context, new Activation(ActivationKind.Linear, context.Float("alpha"), context.Float("beta", 0f)));

    /// <summary>x if x &gt;= 0 else alpha[c] * x on [N, C, ...], one alpha per channel.</summary>
    public static void Prelu(MilOpContext context)
    {
        var x = context.Input("x");
        var alpha = context.Weights("alpha");
        if (alpha.Rank != 1) throw context.Error("alpha", $"has shape {alpha.Shape}; expected one value per channel [C].");
        context.Emit(new ParametricRelu(alpha, Layout.Nchw), x);
    }

    /// <summary>softmax(x, axis = -1).</summary>
    public static void Softmax(MilOpContext context) => context.Emit(new AxisSoftmax(context.Int("axis", -1)), context.Input("x"));

    /// <summary>Emits <paramref name="activation"/> on argument x.</summary>
    public static void Apply(MilOpContext context, Activation activation) => context.Emit(new ElementwiseActivation(activation), context.Input("x"));
}
