using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// The binary element-wise ops with NumPy broadcasting (MIL elementwise_binary.py). Integer operands (shape and loop
/// counter arithmetic) are computed through float32, exact below 2^24, and cast back.
/// </summary>
internal static class MilElementwiseBinaryOps
{
    public static void Add(MilOpContext context) => Apply(context, BinaryKind.Add);

    public static void Sub(MilOpContext context) => Apply(context, BinaryKind.Subtract);

    public static void Mul(MilOpContext context) => Apply(context, BinaryKind.Multiply);

    public static void RealDiv(MilOpContext context) => Apply(context, BinaryKind.Divide);

    /// <summary>Emits <paramref name="kind"/> on arguments x and y.</summary>
    public static void Apply(MilOpContext context, BinaryKind kind)
    {
        var x = context.Input("x");
        var y = context.Input("y");
        var type = context.TypeOf(x).DType;
        if (type == DType.Float32 && context.TypeOf(y).DType == DType.Float32)
        {
            context.Emit(new BinaryArithmetic(kind), x, y);
            return;
        }
        var target = MilConstant.EngineType(context.OutputDataType()) ?? type;
        if (target == DType.Float32)
        {
            context.Emit(new BinaryArithmetic(kind), ToFloat(context, x, "x"), ToFloat(context, y, "y"));
            return;
        }
        var result = context.EmitStep("float", new BinaryArithmetic(kind), ToFloat(context, x, "x"), ToFloat(context, y, "y"));
        context.Emit(new Cast(target), result);
    }

    private static string ToFloat(MilOpContext context, string value, string argument) =>
        context.TypeOf(value).DType == DType.Float32 ? value : context.EmitStep($"{argument}_float", new Cast(DType.Float32), value);
}
