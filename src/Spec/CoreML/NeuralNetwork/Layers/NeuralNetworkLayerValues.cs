using Parity.Engine.Ops.Core;
using Parity.Engine.Tensors;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>
/// Small values the ND builders emit beside a layer's main op: scalar and shaped constants, and the float32 cast that
/// NeuralNetwork needs because every one of its blobs holds floats (indices, booleans and shapes included).
/// </summary>
internal static class NeuralNetworkLayerValues
{
    /// <summary>A rank-1, one-element float32 constant; it broadcasts against any blob.</summary>
    public static string Scalar(NeuralNetworkLayerContext context, string step, float value) =>
        context.Emit(step, new Constant(Tensor.FromArray([value], 1)));

    /// <summary>A float32 constant of <paramref name="shape"/> with every element <paramref name="value"/>.</summary>
    public static string Filled(NeuralNetworkLayerContext context, string step, int[] shape, float value)
    {
        var count = 1L;
        foreach (var d in shape) count *= d;
        if (count > Shape.MaxElements) throw context.Error("shape", $"[{string.Join(", ", shape)}] holds {count} elements; expected at most {Shape.MaxElements}.");
        var values = new float[count];
        Array.Fill(values, value);
        return context.Emit(step, new Constant(Tensor.FromArray(values, shape)));
    }

    /// <summary>Converts an int64 or bool result to the float32 blob Core ML produces (indices become whole floats, true 1, false 0).</summary>
    public static string AsFloat(NeuralNetworkLayerContext context, string step, string value) =>
        context.Emit(step, new Cast(DType.Float32), value);

    /// <summary>Checks a layer has exactly <paramref name="count"/> inputs.</summary>
    public static void RequireInputs(NeuralNetworkLayerContext context, int count)
    {
        if (context.Inputs.Count != count) throw context.Error("input", $"lists {context.Inputs.Count} blobs; this layer takes {count}.");
    }

    /// <summary>A proto int64 axis as an int (out-of-range values are left for the op to reject with the shapes).</summary>
    public static int Axis(long axis) => (int)Math.Clamp(axis, -1_000_000, 1_000_000);

    /// <summary>
    /// The values of parameter input <paramref name="index"/> as whole numbers, when they are known at read time
    /// (<see cref="NeuralNetworkLayerContext.KnownValue"/>); a run-time value makes the layer unsupported, since it would
    /// decide the output shape.
    /// </summary>
    public static long[] KnownIntegers(NeuralNetworkLayerContext context, int index, string what)
    {
        var known = context.KnownValue(context.Inputs[index])
            ?? throw context.Unsupported($"{context.TypeName} is not executed: {what} (input {index + 1}) is computed at run time, so its output shape is only known at run time, and Parity builds graphs with static shapes.");
        using var floats = known.ToFloat32();
        var values = floats.Floats.ToArray();
        foreach (var v in values)
        {
            if (v != MathF.Floor(v) || Math.Abs(v) > int.MaxValue) throw context.Error("input", $"{what} holds {v}; expected whole numbers.");
        }
        return values.Select(v => (long)v).ToArray();
    }

    /// <summary>The single value of parameter input <paramref name="index"/> when known at read time (see <see cref="KnownIntegers"/>).</summary>
    public static float KnownScalar(NeuralNetworkLayerContext context, int index, string what)
    {
        var known = context.KnownValue(context.Inputs[index])
            ?? throw context.Unsupported($"{context.TypeName} is not executed: {what} (input {index + 1}) is computed at run time, so its output shape is only known at run time, and Parity builds graphs with static shapes.");
        if (known.Length != 1) throw context.Error("input", $"{what} has shape {known.Shape}; expected a single value.");
        using var floats = known.ToFloat32();
        return floats.Floats[0];
    }

    /// <summary>The single whole-number value of parameter input <paramref name="index"/> when known at read time.</summary>
    public static long KnownInteger(NeuralNetworkLayerContext context, int index, string what)
    {
        var values = KnownIntegers(context, index, what);
        return values.Length == 1 ? values[0] : throw context.Error("input", $"{what} holds {values.Length} values; expected one.");
    }
}
