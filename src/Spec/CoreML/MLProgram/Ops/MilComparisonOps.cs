using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// The comparisons and logical ops with NumPy broadcasting (MIL elementwise_binary.py); results are bool tensors (the
/// engine's Bool dtype, one byte per element). int32 and bool operands are compared through float32 (exact below 2^24);
/// logical_and/or/xor compute on the 0/1 values of their bool operands: min, max and "differ".
/// </summary>
internal static class MilComparisonOps
{
    public static void Equal(MilOpContext context) => Compare(context, CompareKind.Equal);

    public static void NotEqual(MilOpContext context) => Compare(context, CompareKind.NotEqual);

    public static void Greater(MilOpContext context) => Compare(context, CompareKind.Greater);

    public static void GreaterEqual(MilOpContext context) => Compare(context, CompareKind.GreaterEqual);

    public static void Less(MilOpContext context) => Compare(context, CompareKind.Less);

    public static void LessEqual(MilOpContext context) => Compare(context, CompareKind.LessEqual);

    public static void LogicalAnd(MilOpContext context) => Logical(context, BinaryKind.Minimum);

    public static void LogicalOr(MilOpContext context) => Logical(context, BinaryKind.Maximum);

    /// <summary>logical_xor: true where the operands differ.</summary>
    public static void LogicalXor(MilOpContext context) => Compare(context, CompareKind.NotEqual);

    private static void Compare(MilOpContext context, CompareKind kind) =>
        context.Emit(new Compare(kind), MilFloatOperands.Input(context, "x"), MilFloatOperands.Input(context, "y"));

    private static void Logical(MilOpContext context, BinaryKind kind)
    {
        var combined = context.EmitStep("float", new BinaryArithmetic(kind), MilFloatOperands.Input(context, "x"), MilFloatOperands.Input(context, "y"));
        context.Emit(new Cast(DType.Bool), combined);
    }
}
