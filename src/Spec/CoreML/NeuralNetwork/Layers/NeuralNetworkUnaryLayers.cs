using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Elementwise;
using Parity.Spec.CoreML.Format;
using ActivationFunction = Parity.Engine.Kernels.Activation;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>
/// unary (the rank-5 UnaryFunctionLayer with its scale/shift/alpha/epsilon) and the ND element-wise functions: ceil,
/// floor, sign, round, exp2, sin, cos, tan, tanh, asin, acos, atan, sinh, cosh, asinh, acosh, atanh, erf, gelu and
/// clampedReLU.
/// </summary>
internal static class NeuralNetworkUnaryLayers
{
    /// <summary>
    /// f(scale * x + shift) with f one of SQRT, RSQRT 1/sqrt(x + epsilon), INVERSE 1/(x + epsilon), POWER x^alpha, EXP,
    /// LOG, ABS, THRESHOLD max(alpha, x). A scale of 0 means 1 and an epsilon of 0 means 1e-6 (NeuralNetwork.proto).
    /// The epsilon is folded into the shift, which differs from adding it afterwards by at most one rounding.
    /// </summary>
    public static IReadOnlyList<string> Unary(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Unary;
        var scale = p.Scale == 0f ? 1f : p.Scale;
        var epsilon = p.Epsilon == 0f ? 1e-6f : p.Epsilon;
        var usesEpsilon = p.Type is UnaryFunctionLayerParams.Types.Operation.Rsqrt or UnaryFunctionLayerParams.Types.Operation.Inverse;
        var shift = usesEpsilon ? p.Shift + epsilon : p.Shift;
        var x = context.Input;
        if (scale != 1f || shift != 0f) x = context.Emit("affine", new ElementwiseActivation(new ActivationFunction(ActivationKind.Linear, scale, shift)), x);
        return p.Type switch
        {
            UnaryFunctionLayerParams.Types.Operation.Sqrt => [context.Emit("", new UnaryMath(UnaryKind.Sqrt), x)],
            UnaryFunctionLayerParams.Types.Operation.Rsqrt => [context.Emit("", new UnaryMath(UnaryKind.Rsqrt), x)],
            UnaryFunctionLayerParams.Types.Operation.Inverse => [context.Emit("", new UnaryMath(UnaryKind.Reciprocal), x)],
            UnaryFunctionLayerParams.Types.Operation.Exp => [context.Emit("", new UnaryMath(UnaryKind.Exp), x)],
            UnaryFunctionLayerParams.Types.Operation.Log => [context.Emit("", new UnaryMath(UnaryKind.Log), x)],
            UnaryFunctionLayerParams.Types.Operation.Abs => [context.Emit("", new UnaryMath(UnaryKind.Abs), x)],
            UnaryFunctionLayerParams.Types.Operation.Power =>
                [context.Emit("", new BinaryArithmetic(BinaryKind.Power), x, NeuralNetworkLayerValues.Scalar(context, "alpha", p.Alpha))],
            UnaryFunctionLayerParams.Types.Operation.Threshold =>
                [context.Emit("", new BinaryArithmetic(BinaryKind.Maximum), x, NeuralNetworkLayerValues.Scalar(context, "alpha", p.Alpha))],
            var other => throw context.Error("unary.type", $"is {other}; expected SQRT, RSQRT, INVERSE, POWER, EXP, LOG, ABS or THRESHOLD."),
        };
    }

    public static IReadOnlyList<string> Ceil(NeuralNetworkLayerContext context) => Apply(context, UnaryKind.Ceil);

    public static IReadOnlyList<string> Floor(NeuralNetworkLayerContext context) => Apply(context, UnaryKind.Floor);

    public static IReadOnlyList<string> Sign(NeuralNetworkLayerContext context) => Apply(context, UnaryKind.Sign);

    /// <summary>Round to the nearest integer; NeuralNetwork.proto does not state the tie rule, so halves go to even as in NumPy and MIL.</summary>
    public static IReadOnlyList<string> Round(NeuralNetworkLayerContext context) => Apply(context, UnaryKind.Round);

    public static IReadOnlyList<string> Sin(NeuralNetworkLayerContext context) => Apply(context, UnaryKind.Sin);

    public static IReadOnlyList<string> Cos(NeuralNetworkLayerContext context) => Apply(context, UnaryKind.Cos);

    public static IReadOnlyList<string> Erf(NeuralNetworkLayerContext context) => Apply(context, UnaryKind.Erf);

    /// <summary>tan = sin / cos (a few ulp from the correctly rounded tangent away from its poles).</summary>
    public static IReadOnlyList<string> Tan(NeuralNetworkLayerContext context)
    {
        var sin = context.Emit("sin", new UnaryMath(UnaryKind.Sin), context.Input);
        var cos = context.Emit("cos", new UnaryMath(UnaryKind.Cos), context.Input);
        return [context.Emit("", new BinaryArithmetic(BinaryKind.Divide), sin, cos)];
    }

    /// <summary>2^x, as the power 2 ** x.</summary>
    public static IReadOnlyList<string> Exp2(NeuralNetworkLayerContext context) =>
        [context.Emit("", new BinaryArithmetic(BinaryKind.Power), NeuralNetworkLayerValues.Scalar(context, "two", 2f), context.Input)];

    public static IReadOnlyList<string> Tanh(NeuralNetworkLayerContext context) =>
        [context.Emit("", new ElementwiseActivation(new ActivationFunction(ActivationKind.Tanh)), context.Input)];

    /// <summary>EXACT 0.5x(1 + erf(x/√2)), TANH_APPROXIMATION and SIGMOID_APPROXIMATION x·sigmoid(1.702x).</summary>
    public static IReadOnlyList<string> Gelu(NeuralNetworkLayerContext context)
    {
        var kind = context.Layer.Gelu.Mode switch
        {
            GeluLayerParams.Types.GeluMode.Exact => ActivationKind.Gelu,
            GeluLayerParams.Types.GeluMode.TanhApproximation => ActivationKind.GeluTanh,
            GeluLayerParams.Types.GeluMode.SigmoidApproximation => ActivationKind.GeluSigmoid,
            var other => throw context.Error("gelu.mode", $"is {other}; expected EXACT, TANH_APPROXIMATION or SIGMOID_APPROXIMATION."),
        };
        return [context.Emit("", new ElementwiseActivation(new ActivationFunction(kind)), context.Input)];
    }

    /// <summary>min(beta, x) for x >= 0 and min(beta, alpha * x) below zero.</summary>
    public static IReadOnlyList<string> ClampedRelu(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.ClampedReLU;
        return [context.Emit("", new ElementwiseActivation(new ActivationFunction(ActivationKind.ClampedRelu, p.Alpha, p.Beta)), context.Input)];
    }

    public static IReadOnlyList<string> Asin(NeuralNetworkLayerContext context) => Scalar(context, ScalarFunctionKind.Asin);

    public static IReadOnlyList<string> Acos(NeuralNetworkLayerContext context) => Scalar(context, ScalarFunctionKind.Acos);

    public static IReadOnlyList<string> Atan(NeuralNetworkLayerContext context) => Scalar(context, ScalarFunctionKind.Atan);

    public static IReadOnlyList<string> Sinh(NeuralNetworkLayerContext context) => Scalar(context, ScalarFunctionKind.Sinh);

    public static IReadOnlyList<string> Cosh(NeuralNetworkLayerContext context) => Scalar(context, ScalarFunctionKind.Cosh);

    public static IReadOnlyList<string> Asinh(NeuralNetworkLayerContext context) => Scalar(context, ScalarFunctionKind.Asinh);

    public static IReadOnlyList<string> Acosh(NeuralNetworkLayerContext context) => Scalar(context, ScalarFunctionKind.Acosh);

    public static IReadOnlyList<string> Atanh(NeuralNetworkLayerContext context) => Scalar(context, ScalarFunctionKind.Atanh);

    private static IReadOnlyList<string> Scalar(NeuralNetworkLayerContext context, ScalarFunctionKind kind) => [context.Emit("", new ScalarMath(kind), context.Input)];

    private static IReadOnlyList<string> Apply(NeuralNetworkLayerContext context, UnaryKind kind) => [context.Emit("", new UnaryMath(kind), context.Input)];
}
