namespace Parity.Engine.Kernels.Normalization;

/// <summary>Views a tensor as [outer, channels, inner] around one axis and checks per-channel parameter lengths.</summary>
internal static class ChannelView
{
    public static (int Outer, int Channels, int Inner) Split(ReadOnlySpan<int> shape, int axis, int inputLength, int outputLength, string kernel)
    {
        var a = axis < 0 ? axis + shape.Length : axis;
        if (a < 0 || a >= shape.Length)
        {
            throw new ArgumentException($"{kernel}: channel axis {axis} is out of range for shape [{string.Join(", ", shape.ToArray())}].", nameof(axis));
        }
        int outer = 1, inner = 1;
        for (var i = 0; i < a; i++) outer *= shape[i];
        for (var i = a + 1; i < shape.Length; i++) inner *= shape[i];
        CheckSizes(outer * shape[a] * inner, inputLength, outputLength, kernel);
        return (outer, shape[a], inner);
    }

    public static void CheckSizes(int count, int inputLength, int outputLength, string kernel)
    {
        if (inputLength != count) throw new ArgumentException($"{kernel}: the input holds {inputLength} values but its shape needs {count}.", "input");
        if (outputLength != count) throw new ArgumentException($"{kernel}: the output holds {outputLength} values but needs {count} (same shape as the input).", "output");
    }

    public static void CheckLength(ReadOnlySpan<float> values, int expected, string name, string kernel, bool allowEmpty)
    {
        if (values.Length == expected || (allowEmpty && values.IsEmpty)) return;
        throw new ArgumentException(
            $"{kernel}: {name} holds {values.Length} values, expected {expected}{(allowEmpty ? " (or none)" : "")}.", name);
    }
}
