using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;

namespace Parity.Spec.Keras.Layers;

/// <summary>Add, Subtract, Multiply, Average, Maximum, Minimum and Concatenate (Keras 2+ merge layers), with NumPy broadcasting.</summary>
internal static class KerasMergeLayers
{
    public static IReadOnlyList<string> Add(KerasLayerContext context) => Fold(context, BinaryKind.Add);

    public static IReadOnlyList<string> Multiply(KerasLayerContext context) => Fold(context, BinaryKind.Multiply);

    public static IReadOnlyList<string> Maximum(KerasLayerContext context) => Fold(context, BinaryKind.Maximum);

    public static IReadOnlyList<string> Minimum(KerasLayerContext context) => Fold(context, BinaryKind.Minimum);

    public static IReadOnlyList<string> Subtract(KerasLayerContext context)
    {
        if (context.Inputs.Count != 2) throw context.Args.Error($"takes exactly 2 inputs; this call passes {context.Inputs.Count}.");
        return [context.Emit("", new BinaryArithmetic(BinaryKind.Subtract), context.Inputs[0], context.Inputs[1])];
    }

    /// <summary>Average sums in input order, then scales by 1/n, as Keras does.</summary>
    public static IReadOnlyList<string> Average(KerasLayerContext context)
    {
        var sum = FoldTo(context, BinaryKind.Add, "sum");
        return [context.Emit("", new ElementwiseActivation(new Activation(ActivationKind.Linear, 1f / context.Inputs.Count)), sum)];
    }

    public static IReadOnlyList<string> Concatenate(KerasLayerContext context)
    {
        var axis = context.Args.Int(-1, "axis", "concat_axis");
        return [context.Emit("", new ConcatOp(axis), context.Inputs.ToArray())];
    }

    private static IReadOnlyList<string> Fold(KerasLayerContext context, BinaryKind kind) => [FoldTo(context, kind, "")];

    // ((x0 op x1) op x2) ...: Keras's own order, which matters for float rounding.
    private static string FoldTo(KerasLayerContext context, BinaryKind kind, string finalStep)
    {
        if (context.Inputs.Count < 2) throw context.Args.Error($"needs at least 2 inputs; this call passes {context.Inputs.Count}.");
        var acc = context.Inputs[0];
        for (var i = 1; i < context.Inputs.Count; i++)
        {
            var step = i == context.Inputs.Count - 1 ? finalStep : $"partial{i}";
            acc = context.Emit(step, new BinaryArithmetic(kind), acc, context.Inputs[i]);
        }
        return acc;
    }
}
