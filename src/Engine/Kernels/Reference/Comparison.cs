using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Elementwise.Comparison"/>.</summary>
public static class Comparison
{
    public static void Apply(CompareKind kind, ReadOnlySpan<float> left, Shape leftShape, ReadOnlySpan<float> right, Shape rightShape, Span<byte> output)
    {
        var shape = Broadcasting.ResultShape(leftShape, rightShape);
        for (var i = 0; i < shape.ElementCount; i++)
        {
            var x = left[BroadcastIndex.Source(i, shape, leftShape)];
            var y = right[BroadcastIndex.Source(i, shape, rightShape)];
            var result = kind switch
            {
                CompareKind.Equal => x == y,
                CompareKind.NotEqual => x != y,
                CompareKind.Less => x < y,
                CompareKind.LessEqual => x <= y,
                CompareKind.Greater => x > y,
                CompareKind.GreaterEqual => x >= y,
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
            };
            output[i] = result ? (byte)1 : (byte)0;
        }
    }
}
