using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>
/// Element-wise comparisons with NumPy broadcasting, writing bool tensors' bytes (1 true, 0 false). IEEE semantics:
/// every comparison with NaN is false except not-equal.
/// </summary>
public static class Comparison
{
    public static void Apply(CompareKind kind, ReadOnlySpan<float> left, Shape leftShape, ReadOnlySpan<float> right, Shape rightShape, Span<byte> output)
    {
        switch (kind)
        {
            case CompareKind.Equal: Broadcast(new EqualOperator(), left, leftShape, right, rightShape, output); break;
            case CompareKind.NotEqual: Broadcast(new NotEqualOperator(), left, leftShape, right, rightShape, output); break;
            case CompareKind.Less: Broadcast(new LessOperator(), left, leftShape, right, rightShape, output); break;
            case CompareKind.LessEqual: Broadcast(new LessEqualOperator(), left, leftShape, right, rightShape, output); break;
            case CompareKind.Greater: Broadcast(new GreaterOperator(), left, leftShape, right, rightShape, output); break;
            case CompareKind.GreaterEqual: Broadcast(new GreaterEqualOperator(), left, leftShape, right, rightShape, output); break;
            default: throw new ArgumentException($"Unknown comparison {kind}.", nameof(kind));
        }
    }

    private static unsafe void Broadcast<TOp>(TOp op, ReadOnlySpan<float> left, Shape leftShape, ReadOnlySpan<float> right, Shape rightShape, Span<byte> output)
        where TOp : struct, IComparisonOperator
    {
        var plan = new BroadcastPlan(leftShape, rightShape);
        Binary.CheckLength(left.Length, leftShape, nameof(left));
        Binary.CheckLength(right.Length, rightShape, nameof(right));
        Binary.CheckLength(output.Length, plan.OutputShape, nameof(output));
        if (output.IsEmpty) return;
        fixed (float* l = left, r = right)
        fixed (byte* o = output)
        {
            plan.Execute(new CompareRun<TOp>(op, l, r, o));
        }
    }

    private readonly unsafe struct CompareRun<TOp>(TOp op, float* left, float* right, byte* output) : IBroadcastRun
        where TOp : struct, IComparisonOperator
    {
        public void Run(int outputOffset, int leftOffset, int rightOffset, int length, RunShape shape)
        {
            var leftScalar = shape == RunShape.LeftScalar;
            var rightScalar = shape == RunShape.RightScalar;
            ComparisonDriver.Compare(
                op,
                new ReadOnlySpan<float>(left + leftOffset, leftScalar ? 1 : length),
                leftScalar,
                new ReadOnlySpan<float>(right + rightOffset, rightScalar ? 1 : length),
                rightScalar,
                new Span<byte>(output + outputOffset, length));
        }
    }
}
