using Parity.Engine.Ops.Linear;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>linear (y = x Wᵀ + b over the last axis, W stored [out, in]) and matmul (NumPy matmul with transpose flags).</summary>
internal static class MilLinearOps
{
    public static void Linear(MilOpContext context)
    {
        var x = context.Input("x");
        var stored = context.Weights("weight");
        if (stored.Rank != 2) throw context.Error("weight", $"has shape {stored.Shape}; expected [out, in].");
        var bias = context.OptionalWeights("bias");
        context.Emit(Dense.FromOutputMajor(stored, bias), x);
    }

    public static void MatMul(MilOpContext context)
    {
        var x = context.Input("x");
        var y = context.Input("y");
        context.Emit(new MatMul(context.Bool("transpose_x", false), context.Bool("transpose_y", false)), x, y);
    }
}
