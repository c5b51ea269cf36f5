using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.Elementwise;
using Parity.Spec.CoreML.Format.Mil;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// The element-wise unary ops (MIL elementwise_unary.py, iOS 15 and 17). log, rsqrt and inverse add their epsilon first
/// (defaults 1e-45, 1e-12 and 1e-4 in x's dtype, so fp16 programs get fp16's value: 0, 0 and 1.0002e-4). abs, sign,
/// square and exp2 also take int32, computed through float32.
/// </summary>
internal static class MilElementwiseUnaryOps
{
    public static void Abs(MilOpContext context) => Unary(context, UnaryKind.Abs);

    public static void Exp(MilOpContext context) => Unary(context, UnaryKind.Exp);

    public static void Sqrt(MilOpContext context) => Unary(context, UnaryKind.Sqrt);

    public static void Floor(MilOpContext context) => Unary(context, UnaryKind.Floor);

    public static void Ceil(MilOpContext context) => Unary(context, UnaryKind.Ceil);

    /// <summary>round: halves to even (NumPy's rule, which the op's value inference uses).</summary>
    public static void Round(MilOpContext context) => Unary(context, UnaryKind.Round);

    public static void Sign(MilOpContext context) => Unary(context, UnaryKind.Sign);

    public static void Sin(MilOpContext context) => Unary(context, UnaryKind.Sin);

    public static void Cos(MilOpContext context) => Unary(context, UnaryKind.Cos);

    public static void Erf(MilOpContext context) => Unary(context, UnaryKind.Erf);

    public static void Square(MilOpContext context) => Unary(context, UnaryKind.Square);

    public static void Tan(MilOpContext context) => Trigonometric(context, ScalarFunctionKind.Tan);

    public static void Asin(MilOpContext context) => Trigonometric(context, ScalarFunctionKind.Asin);

    public static void Acos(MilOpContext context) => Trigonometric(context, ScalarFunctionKind.Acos);

    public static void Atan(MilOpContext context) => Trigonometric(context, ScalarFunctionKind.Atan);

    public static void Sinh(MilOpContext context) => Trigonometric(context, ScalarFunctionKind.Sinh);

    public static void Cosh(MilOpContext context) => Trigonometric(context, ScalarFunctionKind.Cosh);

    public static void Atanh(MilOpContext context) => Trigonometric(context, ScalarFunctionKind.Atanh);

    /// <summary>log(x, epsilon = 1e-45) = ln(x + epsilon).</summary>
    public static void Log(MilOpContext context) => WithEpsilon(context, UnaryKind.Log, 1e-45f);

    /// <summary>rsqrt(x, epsilon = 1e-12) = 1 / sqrt(x + epsilon).</summary>
    public static void Rsqrt(MilOpContext context) => WithEpsilon(context, UnaryKind.Rsqrt, 1e-12f);

    /// <summary>inverse(x, epsilon = 1e-4) = 1 / (x + epsilon).</summary>
    public static void Inverse(MilOpContext context) => WithEpsilon(context, UnaryKind.Reciprocal, 1e-4f);

    /// <summary>exp2(x) = 2^x.</summary>
    public static void Exp2(MilOpContext context)
    {
        var x = MilFloatOperands.Input(context, "x");
        MilFloatOperands.EmitAsDeclared(context, new BinaryArithmetic(BinaryKind.Power), MilFloatOperands.Scalar(context, "two", 2f), x);
    }

    /// <summary>clip(x, alpha, beta) = min(max(x, alpha), beta).</summary>
    public static void Clip(MilOpContext context)
    {
        var (alpha, beta) = (context.Float("alpha"), context.Float("beta"));
        if (!(alpha <= beta)) throw context.Error("beta", $"is {beta}, below alpha {alpha}; clip needs alpha <= beta.");
        context.Emit(new Engine.Ops.Elementwise.Clip(alpha, beta), context.Input("x"));
    }

    /// <summary>threshold(x, alpha) = max(x, alpha).</summary>
    public static void Threshold(MilOpContext context)
    {
        var x = context.Input("x");
        context.Emit(new BinaryArithmetic(BinaryKind.Maximum), x, MilFloatOperands.Scalar(context, "alpha", context.Float("alpha")));
    }

    /// <summary>logical_not(x) on bool: x == 0, computed on 0/1 floats.</summary>
    public static void LogicalNot(MilOpContext context)
    {
        var x = MilFloatOperands.Input(context, "x");
        context.Emit(new Compare(CompareKind.Equal), x, MilFloatOperands.Scalar(context, "zero", 0f));
    }

    private static void Unary(MilOpContext context, UnaryKind kind) =>
        MilFloatOperands.EmitAsDeclared(context, new UnaryMath(kind), MilFloatOperands.Input(context, "x"));

    private static void Trigonometric(MilOpContext context, ScalarFunctionKind function) =>
        context.Emit(new ScalarMath(function), context.Input("x"));

    private static void WithEpsilon(MilOpContext context, UnaryKind kind, float fallback)
    {
        var x = context.Input("x");
        var epsilon = context.Has("epsilon") ? context.Float("epsilon")
            : context.DataTypeOf("x") == DataType.Float16 ? (float)(Half)fallback : fallback;
        var shifted = epsilon == 0 ? x : context.EmitStep("shifted", new BinaryArithmetic(BinaryKind.Add), x, MilFloatOperands.Scalar(context, "epsilon", epsilon));
        context.Emit(new UnaryMath(kind), shifted);
    }
}
