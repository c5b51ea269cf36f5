using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Elementwise.Binary"/>: each output element by definition, in double.</summary>
public static class Binary
{
    public static void Apply(BinaryKind kind, ReadOnlySpan<float> left, Shape leftShape, ReadOnlySpan<float> right, Shape rightShape, Span<float> output)
    {
        var shape = Broadcasting.ResultShape(leftShape, rightShape);
        for (var i = 0; i < shape.ElementCount; i++)
        {
            double x = left[BroadcastIndex.Source(i, shape, leftShape)];
            double y = right[BroadcastIndex.Source(i, shape, rightShape)];
            output[i] = (float)Apply(kind, x, y);
        }
    }

    public static double Apply(BinaryKind kind, double x, double y) => kind switch
    {
        BinaryKind.Add => x + y,
        BinaryKind.Subtract => x - y,
        BinaryKind.Multiply => x * y,
        BinaryKind.Divide => x / y,
        BinaryKind.Maximum => Math.Max(x, y),
        BinaryKind.Minimum => Math.Min(x, y),
        BinaryKind.Power => Math.Pow(x, y),
        BinaryKind.FloorDivide => Math.Floor(x / y),
        BinaryKind.Modulo => Modulo(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    // Python's definition: the remainder of x - y * floor(x / y), with the divisor's sign; % is the exact fmod.
    private static double Modulo(double x, double y)
    {
        var r = x % y;
        if (r != 0 && (r < 0) != (y < 0)) r += y;
        return r;
    }
}
