using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>The comparisons with NumPy broadcasting and a bool result (MIL elementwise_binary.py); integer operands are compared as float32, exact below 2^24.</summary>
internal static class MilComparisonOps
{
    public static void Less(MilOpContext context) => Apply(context, CompareKind.Less);

    /// <summary>Emits <paramref name="kind"/> on arguments x and y.</summary>
    public static void Apply(MilOpContext context, CompareKind kind) =>
        context.Emit(new Compare(kind), ToFloat(context, context.Input("x"), "x"), ToFloat(context, context.Input("y"), "y"));

    private static string ToFloat(MilOpContext context, string value, string argument) =>
        context.TypeOf(value).DType == DType.Float32 ? value : context.EmitStep($"{argument}_float", new Cast(DType.Float32), value);
}
