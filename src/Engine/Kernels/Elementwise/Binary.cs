using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>
/// Element-wise binary float32 kernels with NumPy broadcasting. Add, subtract, multiply, divide, maximum and
/// minimum are exact (equal to the double-precision result rounded to float); power is MathF.Pow; floor divide and
/// modulo follow NumPy.
/// </summary>
public static class Binary
{
    /// <summary>output[i] = left[i] op right[i] over equal-length spans; the output may be either input.</summary>
    public static void Apply(BinaryKind kind, ReadOnlySpan<float> left, ReadOnlySpan<float> right, Span<float> output)
    {
        if (left.Length != right.Length)
        {
            throw new ArgumentException($"The inputs have {left.Length} and {right.Length} elements; without shapes they must be equal.", nameof(right));
        }
        var shape = new Shape(left.Length);
        Apply(kind, left, shape, right, shape, output);
    }

    /// <summary>
    /// output = left op right with NumPy broadcasting; <paramref name="output"/> has the shape
    /// <see cref="Broadcasting.ResultShape"/> gives and may be an input of that same shape.
    /// </summary>
    public static void Apply(BinaryKind kind, ReadOnlySpan<float> left, Shape leftShape, ReadOnlySpan<float> right, Shape rightShape, Span<float> output)
    {
        switch (kind)
        {
            case BinaryKind.Add: Broadcast(new AddOperator(), left, leftShape, right, rightShape, output); break;
            case BinaryKind.Subtract: Broadcast(new SubtractOperator(), left, leftShape, right, rightShape, output); break;
            case BinaryKind.Multiply: Broadcast(new MultiplyOperator(), left, leftShape, right, rightShape, output); break;
            case BinaryKind.Divide: Broadcast(new DivideOperator(), left, leftShape, right, rightShape, output); break;
            case BinaryKind.Maximum: Broadcast(new MaximumOperator(), left, leftShape, right, rightShape, output); break;
            case BinaryKind.Minimum: Broadcast(new MinimumOperator(), left, leftShape, right, rightShape, output); break;
            case BinaryKind.Power: Broadcast(new PowerOperator(), left, leftShape, right, rightShape, output); break;
            case BinaryKind.FloorDivide: Broadcast(new FloorDivideOperator(), left, leftShape, right, rightShape, output); break;
            case BinaryKind.Modulo: Broadcast(new ModuloOperator(), left, leftShape, right, rightShape, output); break;
            default: throw new ArgumentException($"Unknown binary kind {kind}.", nameof(kind));
        }
    }

    internal static unsafe void Broadcast<TOp>(TOp op, ReadOnlySpan<float> left, Shape leftShape, ReadOnlySpan<float> right, Shape rightShape, Span<float> output)
        where TOp : struct, IBinaryOperator
    {
        var plan = new BroadcastPlan(leftShape, rightShape);
        CheckLength(left.Length, leftShape, nameof(left));
        CheckLength(right.Length, rightShape, nameof(right));
        CheckLength(output.Length, plan.OutputShape, nameof(output));
        SpanChecks.SameOrDisjoint(left, output, nameof(output));
        SpanChecks.SameOrDisjoint(right, output, nameof(output));
        if (output.IsEmpty) return;
        fixed (float* l = left, r = right, o = output)
        {
            plan.Execute(new BinaryRun<TOp>(op, l, r, o));
        }
    }

    internal static void CheckLength(int length, Shape shape, string name)
    {
        if (length != shape.ElementCount)
        {
            throw new ArgumentException($"{name} has {length} elements but its shape {shape} needs {shape.ElementCount}.", name);
        }
    }

    /// <summary>One output run: the vectorized drivers over pinned memory (pinned by the caller for the whole plan).</summary>
    private readonly unsafe struct BinaryRun<TOp>(TOp op, float* left, float* right, float* output) : IBroadcastRun
        where TOp : struct, IBinaryOperator
    {
        public void Run(int outputOffset, int leftOffset, int rightOffset, int length, RunShape shape)
        {
            var z = new Span<float>(output + outputOffset, length);
            switch (shape)
            {
                case RunShape.BothContiguous:
                    BinaryDriver.Zip(op, new ReadOnlySpan<float>(left + leftOffset, length), new ReadOnlySpan<float>(right + rightOffset, length), z);
                    break;
                case RunShape.LeftScalar:
                    BinaryDriver.ZipScalarLeft(op, left[leftOffset], new ReadOnlySpan<float>(right + rightOffset, length), z);
                    break;
                default:
                    BinaryDriver.ZipScalarRight(op, new ReadOnlySpan<float>(left + leftOffset, length), right[rightOffset], z);
                    break;
            }
        }
    }
}
