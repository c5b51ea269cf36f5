using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>
/// Element-wise comparisons with NumPy broadcasting, writing bool tensors' bytes (1 true, 0 false). IEEE semantics:
/// every comparison with NaN is false except not-equal. Runs are scalar loops over a per-comparison struct
/// (bool results are rare and cheap next to the float ops around them).
/// </summary>
public static class Comparison
{
    public static void Apply(CompareKind kind, ReadOnlySpan<float> left, Shape leftShape, ReadOnlySpan<float> right, Shape rightShape, Span<byte> output)
    {
        switch (kind)
        {
            case CompareKind.Equal: Broadcast(new EqualComparer(), left, leftShape, right, rightShape, output); break;
            case CompareKind.NotEqual: Broadcast(new NotEqualComparer(), left, leftShape, right, rightShape, output); break;
            case CompareKind.Less: Broadcast(new LessComparer(), left, leftShape, right, rightShape, output); break;
            case CompareKind.LessEqual: Broadcast(new LessEqualComparer(), left, leftShape, right, rightShape, output); break;
            case CompareKind.Greater: Broadcast(new GreaterComparer(), left, leftShape, right, rightShape, output); break;
            case CompareKind.GreaterEqual: Broadcast(new GreaterEqualComparer(), left, leftShape, right, rightShape, output); break;
            default: throw new ArgumentException($"Unknown comparison {kind}.", nameof(kind));
        }
    }

    private static unsafe void Broadcast<TOp>(TOp op, ReadOnlySpan<float> left, Shape leftShape, ReadOnlySpan<float> right, Shape rightShape, Span<byte> output)
        where TOp : struct, IComparer
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

    private interface IComparer
    {
        bool Invoke(float x, float y);
    }

    private readonly struct EqualComparer : IComparer
    {
        public bool Invoke(float x, float y) => x == y;
    }

    private readonly struct NotEqualComparer : IComparer
    {
        public bool Invoke(float x, float y) => x != y;
    }

    private readonly struct LessComparer : IComparer
    {
        public bool Invoke(float x, float y) => x < y;
    }

    private readonly struct LessEqualComparer : IComparer
    {
        public bool Invoke(float x, float y) => x <= y;
    }

    private readonly struct GreaterComparer : IComparer
    {
        public bool Invoke(float x, float y) => x > y;
    }

    private readonly struct GreaterEqualComparer : IComparer
    {
        public bool Invoke(float x, float y) => x >= y;
    }

    private readonly unsafe struct CompareRun<TOp>(TOp op, float* left, float* right, byte* output) : IBroadcastRun
        where TOp : struct, IComparer
    {
        public void Run(int outputOffset, int leftOffset, int rightOffset, int length, RunShape shape)
        {
            var z = output + outputOffset;
            float* x = left + leftOffset, y = right + rightOffset;
            int xStep = shape == RunShape.LeftScalar ? 0 : 1, yStep = shape == RunShape.RightScalar ? 0 : 1;
            for (var i = 0; i < length; i++) z[i] = op.Invoke(x[i * xStep], y[i * yStep]) ? (byte)1 : (byte)0;
        }
    }
}
