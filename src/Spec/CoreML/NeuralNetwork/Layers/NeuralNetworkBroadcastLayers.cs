using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Elementwise;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>
/// The ND element-wise layers with NumPy broadcasting: the arithmetic *Broadcastable layers, the comparisons (two
/// inputs, or one input against alpha), logicalAnd/Or/Xor/Not and whereBroadcastable. Comparisons and logic produce
/// 1.0 for true and 0.0 for false, and logic reads any non-zero value (NaN included) as true.
/// </summary>
internal static class NeuralNetworkBroadcastLayers
{
    public static IReadOnlyList<string> Add(NeuralNetworkLayerContext context) => Binary(context, BinaryKind.Add);

    public static IReadOnlyList<string> Subtract(NeuralNetworkLayerContext context) => Binary(context, BinaryKind.Subtract);

    public static IReadOnlyList<string> Multiply(NeuralNetworkLayerContext context) => Binary(context, BinaryKind.Multiply);

    public static IReadOnlyList<string> Divide(NeuralNetworkLayerContext context) => Binary(context, BinaryKind.Divide);

    public static IReadOnlyList<string> Max(NeuralNetworkLayerContext context) => Binary(context, BinaryKind.Maximum);

    public static IReadOnlyList<string> Min(NeuralNetworkLayerContext context) => Binary(context, BinaryKind.Minimum);

    public static IReadOnlyList<string> Pow(NeuralNetworkLayerContext context) => Binary(context, BinaryKind.Power);

    /// <summary>floor(x1 / x2), NumPy floor_divide.</summary>
    public static IReadOnlyList<string> FloorDiv(NeuralNetworkLayerContext context) => Binary(context, BinaryKind.FloorDivide);

    /// <summary>The remainder with the divisor's sign (NumPy mod), as MIL's mod that coremltools lowers to this layer.</summary>
    public static IReadOnlyList<string> Mod(NeuralNetworkLayerContext context) => Binary(context, BinaryKind.Modulo);

    public static IReadOnlyList<string> GreaterThan(NeuralNetworkLayerContext context) => Comparison(context, CompareKind.Greater, context.Layer.GreaterThan.Alpha);

    public static IReadOnlyList<string> GreaterEqual(NeuralNetworkLayerContext context) => Comparison(context, CompareKind.GreaterEqual, context.Layer.GreaterEqual.Alpha);

    public static IReadOnlyList<string> LessThan(NeuralNetworkLayerContext context) => Comparison(context, CompareKind.Less, context.Layer.LessThan.Alpha);

    public static IReadOnlyList<string> LessEqual(NeuralNetworkLayerContext context) => Comparison(context, CompareKind.LessEqual, context.Layer.LessEqual.Alpha);

    public static IReadOnlyList<string> Equal(NeuralNetworkLayerContext context) => Comparison(context, CompareKind.Equal, context.Layer.Equal.Alpha);

    public static IReadOnlyList<string> NotEqual(NeuralNetworkLayerContext context) => Comparison(context, CompareKind.NotEqual, context.Layer.NotEqual.Alpha);

    /// <summary>1 where both inputs are true: the product of their truth values.</summary>
    public static IReadOnlyList<string> LogicalAnd(NeuralNetworkLayerContext context)
    {
        var (a, b) = TruthPair(context);
        return [context.Emit("", new BinaryArithmetic(BinaryKind.Multiply), a, b)];
    }

    /// <summary>1 where either input is true: the larger of their truth values.</summary>
    public static IReadOnlyList<string> LogicalOr(NeuralNetworkLayerContext context)
    {
        var (a, b) = TruthPair(context);
        return [context.Emit("", new BinaryArithmetic(BinaryKind.Maximum), a, b)];
    }

    /// <summary>1 where exactly one input is true: their truth values differ.</summary>
    public static IReadOnlyList<string> LogicalXor(NeuralNetworkLayerContext context)
    {
        var (a, b) = TruthPair(context);
        return [NeuralNetworkLayerValues.AsFloat(context, "", context.Emit("differs", new Compare(CompareKind.NotEqual), a, b))];
    }

    public static IReadOnlyList<string> LogicalNot(NeuralNetworkLayerContext context)
    {
        var zero = NeuralNetworkLayerValues.Scalar(context, "zero", 0f);
        return [NeuralNetworkLayerValues.AsFloat(context, "", context.Emit("is_zero", new Compare(CompareKind.Equal), context.Input, zero))];
    }

    /// <summary>Inputs condition, x, y: x where the condition is non-zero, else y, all three broadcast together.</summary>
    public static IReadOnlyList<string> Where(NeuralNetworkLayerContext context)
    {
        NeuralNetworkLayerValues.RequireInputs(context, 3);
        return [context.Emit("", new Select(), context.Inputs[0], context.Inputs[1], context.Inputs[2])];
    }

    private static IReadOnlyList<string> Binary(NeuralNetworkLayerContext context, BinaryKind kind)
    {
        NeuralNetworkLayerValues.RequireInputs(context, 2);
        return [context.Emit("", new BinaryArithmetic(kind), context.Inputs[0], context.Inputs[1])];
    }

    private static IReadOnlyList<string> Comparison(NeuralNetworkLayerContext context, CompareKind kind, float alpha)
    {
        if (context.Inputs.Count is not (1 or 2)) throw context.Error("input", $"lists {context.Inputs.Count} blobs; a comparison takes 2, or 1 compared with alpha.");
        var right = context.Inputs.Count == 2 ? context.Inputs[1] : NeuralNetworkLayerValues.Scalar(context, "alpha", alpha);
        return [NeuralNetworkLayerValues.AsFloat(context, "", context.Emit("compare", new Compare(kind), context.Inputs[0], right))];
    }

    private static (string A, string B) TruthPair(NeuralNetworkLayerContext context)
    {
        NeuralNetworkLayerValues.RequireInputs(context, 2);
        var zero = NeuralNetworkLayerValues.Scalar(context, "zero", 0f);
        var a = NeuralNetworkLayerValues.AsFloat(context, "truth0", context.Emit("nonzero0", new Compare(CompareKind.NotEqual), context.Inputs[0], zero));
        var b = NeuralNetworkLayerValues.AsFloat(context, "truth1", context.Emit("nonzero1", new Compare(CompareKind.NotEqual), context.Inputs[1], zero));
        return (a, b);
    }
}
