using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Parity.Engine.Kernels.Reductions;

/// <summary>
/// Reductions of a row-major float32 tensor over any set of axes. Output layout is the same with or without kept
/// dims (use <see cref="OutputShape"/> for the shape). Accumulation is float32: a contiguous run (reduced axes
/// last) is summed by TensorPrimitives in vector-lane partial sums; a strided run adds whole rows element-wise in
/// index order; several separated groups of reduced axes are reduced innermost group first, so a sum is a sum of
/// partial sums. Every summation order obeys |computed - exact| ≤ (n - 1)·2⁻²⁴·Σ|xᵢ| for n terms, the bound the
/// tests check against a double-precision reference.
/// </summary>
public static class Reduction
{
    // Inner extents are processed in blocks this long so per-block scratch fits on the stack and in L1.
    private const int Block = 512;

    /// <summary>The shape after reducing <paramref name="axes"/> (negative axes count from the end).</summary>
    public static int[] OutputShape(ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, bool keepDims) =>
        ReductionPlan.OutputShape(shape, ReductionPlan.ReducedAxes(shape, axes), keepDims);

    /// <summary>
    /// Reduces <paramref name="input"/> (shape <paramref name="shape"/>) over <paramref name="axes"/> into
    /// <paramref name="output"/>. No axes means every output element reduces exactly one input element. Over an
    /// empty set of elements Sum, SumOfSquares, L1 and L2 give 0, Product 1, LogSum and LogSumExp -∞, Mean NaN; Max and Min throw.
    /// </summary>
    public static unsafe void Reduce(ReductionKind kind, ReadOnlySpan<float> input, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, Span<float> output)
    {
        var reduced = ReductionPlan.ReducedAxes(shape, axes);
        var (inputCount, outputCount, reducedCount) = Counts(shape, reduced);
        CheckLengths(input.Length, inputCount, output.Length, outputCount);
        if (outputCount == 0) return;
        if (reducedCount == 0)
        {
            output.Fill(EmptyValue(kind));
            return;
        }

        var stages = ReductionPlan.Stages(shape, reduced);
        var first = FirstPass(kind);
        var later = LaterPass(kind);
        float[]? scratch = null;
        try
        {
            fixed (float* src = input, dst = output)
            {
                if (stages.Length == 1)
                {
                    RunPass(first, src, dst, stages[0]);
                }
                else
                {
                    // Two ping-pong buffers hold the partial results between passes; the last pass writes the output.
                    var firstSize = stages[0].Outer * stages[0].Inner;
                    scratch = ArrayPool<float>.Shared.Rent(2 * firstSize);
                    fixed (float* tmp = scratch)
                    {
                        var from = src;
                        for (var s = 0; s < stages.Length; s++)
                        {
                            var to = s == stages.Length - 1 ? dst : tmp + (s % 2) * firstSize;
                            RunPass(s == 0 ? first : later, from, to, stages[s]);
                            from = to;
                        }
                    }
                }
            }
        }
        finally
        {
            if (scratch is not null) ArrayPool<float>.Shared.Return(scratch);
        }

        if (kind == ReductionKind.Mean) TensorPrimitives.Divide(output, reducedCount, output);
        else if (kind == ReductionKind.L2) TensorPrimitives.Sqrt(output, output);
        else if (kind == ReductionKind.LogSum) TensorPrimitives.Log(output, output);
    }

    /// <summary>
    /// Index of the largest element along <paramref name="axis"/>, as int64 (NumPy, ONNX and TensorFlow's default
    /// index type). Ties go to the first index; NaN counts as larger than every number, so the first NaN wins (NumPy).
    /// </summary>
    public static void ArgMax(ReadOnlySpan<float> input, ReadOnlySpan<int> shape, int axis, Span<long> output) =>
        ArgExtreme(input, shape, axis, output, max: true);

    /// <summary>Index of the smallest element along <paramref name="axis"/>, as int64; first index on ties, first NaN wins (NumPy).</summary>
    public static void ArgMin(ReadOnlySpan<float> input, ReadOnlySpan<int> shape, int axis, Span<long> output) =>
        ArgExtreme(input, shape, axis, output, max: false);

    private enum Pass { Sum, SumOfSquares, SumOfMagnitudes, Max, Min, Product, LogSumExp }

    private static Pass FirstPass(ReductionKind kind) => kind switch
    {
        ReductionKind.Sum or ReductionKind.Mean or ReductionKind.LogSum => Pass.Sum,
        ReductionKind.SumOfSquares or ReductionKind.L2 => Pass.SumOfSquares,
        ReductionKind.L1 => Pass.SumOfMagnitudes,
        ReductionKind.Max => Pass.Max,
        ReductionKind.Min => Pass.Min,
        ReductionKind.Product => Pass.Product,
        ReductionKind.LogSumExp => Pass.LogSumExp,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reduction kind."),
    };

    // Partial results of sums of squares and magnitudes are plain partial sums; LogSumExp of partial LogSumExps is exact.
    private static Pass LaterPass(ReductionKind kind) => FirstPass(kind) switch
    {
        Pass.SumOfSquares or Pass.SumOfMagnitudes => Pass.Sum,
        var p => p,
    };

    private static float EmptyValue(ReductionKind kind) => kind switch
    {
        ReductionKind.Sum or ReductionKind.SumOfSquares or ReductionKind.L1 or ReductionKind.L2 => 0f,
        ReductionKind.Product => 1f,
        ReductionKind.LogSumExp or ReductionKind.LogSum => float.NegativeInfinity,
        ReductionKind.Mean => float.NaN,
        _ => throw new ArgumentException($"{kind} of an empty set of elements is undefined; the reduced axes include a zero-sized one.", nameof(kind)),
    };

    private static unsafe void RunPass(Pass pass, float* src, float* dst, ReductionStage stage)
    {
        var (outer, reduced, inner) = stage;
        var source = (nint)src;
        var destination = (nint)dst;
        if (inner == 1)
        {
            Parallelism.For(outer, Math.Max(1, 16384 / reduced), (start, end) =>
            {
                for (var o = start; o < end; o++)
                {
                    var row = new ReadOnlySpan<float>((float*)source + (long)o * reduced, reduced);
                    ((float*)destination)[o] = Horizontal(pass, row);
                }
            });
            return;
        }

        var blocks = (inner + Block - 1) / Block;
        Parallelism.For(outer * blocks, Math.Max(1, 16384 / (reduced * Math.Min(inner, Block))), (start, end) =>
        {
            for (var w = start; w < end; w++)
            {
                var o = w / blocks;
                var offset = w % blocks * Block;
                var length = Math.Min(Block, inner - offset);
                var block = (float*)source + (long)o * reduced * inner + offset;
                var acc = new Span<float>((float*)destination + (long)o * inner + offset, length);
                Vertical(pass, block, reduced, inner, acc);
            }
        });
    }

    /// <summary>Reduces one contiguous run to a scalar.</summary>
    private static float Horizontal(Pass pass, ReadOnlySpan<float> row) => pass switch
    {
        Pass.Sum => TensorPrimitives.Sum(row),
        Pass.SumOfSquares => TensorPrimitives.SumOfSquares(row),
        Pass.SumOfMagnitudes => TensorPrimitives.SumOfMagnitudes(row),
        Pass.Max => TensorPrimitives.Max(row),
        Pass.Min => TensorPrimitives.Min(row),
        Pass.Product => TensorPrimitives.Product(row),
        _ => LogSumExp(row),
    };

    private static float LogSumExp(ReadOnlySpan<float> row)
    {
        var max = TensorPrimitives.Max(row);
        if (!float.IsFinite(max)) return max;
        Span<float> shifted = stackalloc float[Math.Min(row.Length, Block)];
        var sum = 0f;
        for (var i = 0; i < row.Length; i += Block)
        {
            var chunk = row.Slice(i, Math.Min(Block, row.Length - i));
            var part = shifted[..chunk.Length];
            TensorPrimitives.Subtract(chunk, max, part);
            TensorPrimitives.Exp(part, part);
            sum += TensorPrimitives.Sum(part);
        }
        return max + MathF.Log(sum);
    }

    /// <summary>Reduces <paramref name="reduced"/> rows (stride <paramref name="stride"/>) element-wise into <paramref name="acc"/>.</summary>
    private static unsafe void Vertical(Pass pass, float* block, int reduced, int stride, Span<float> acc)
    {
        var n = acc.Length;
        ReadOnlySpan<float> Row(int j) => new(block + (long)j * stride, n);

        if (pass == Pass.LogSumExp)
        {
            VerticalLogSumExp(reduced, Row, acc);
            return;
        }

        Span<float> scratch = pass == Pass.SumOfMagnitudes ? stackalloc float[n] : default;
        switch (pass)
        {
            case Pass.SumOfSquares: TensorPrimitives.Multiply(Row(0), Row(0), acc); break;
            case Pass.SumOfMagnitudes: TensorPrimitives.Abs(Row(0), acc); break;
            default: Row(0).CopyTo(acc); break;
        }
        for (var j = 1; j < reduced; j++)
        {
            var row = Row(j);
            switch (pass)
            {
                case Pass.Sum: TensorPrimitives.Add(acc, row, acc); break;
                case Pass.SumOfSquares: TensorPrimitives.MultiplyAdd(row, row, acc, acc); break;
                case Pass.SumOfMagnitudes:
                    TensorPrimitives.Abs(row, scratch);
                    TensorPrimitives.Add(acc, scratch, acc);
                    break;
                case Pass.Max: TensorPrimitives.Max(acc, row, acc); break;
                case Pass.Min: TensorPrimitives.Min(acc, row, acc); break;
                case Pass.Product: TensorPrimitives.Multiply(acc, row, acc); break;
            }
        }
    }

    private static void VerticalLogSumExp(int reduced, Func<int, ReadOnlySpan<float>> row, Span<float> acc)
    {
        var n = acc.Length;
        Span<float> max = stackalloc float[n];
        Span<float> shifted = stackalloc float[n];
        row(0).CopyTo(max);
        for (var j = 1; j < reduced; j++) TensorPrimitives.Max(max, row(j), max);
        acc.Clear();
        for (var j = 0; j < reduced; j++)
        {
            TensorPrimitives.Subtract(row(j), max, shifted);
            TensorPrimitives.Exp(shifted, shifted);
            TensorPrimitives.Add(acc, shifted, acc);
        }
        TensorPrimitives.Log(acc, acc);
        TensorPrimitives.Add(acc, max, acc);
        // An infinite or NaN maximum is the answer itself (all -∞ gives -∞; any +∞ gives +∞); x - m was NaN there.
        for (var i = 0; i < n; i++)
        {
            if (!float.IsFinite(max[i])) acc[i] = max[i];
        }
    }

    private static unsafe void ArgExtreme(ReadOnlySpan<float> input, ReadOnlySpan<int> shape, int axis, Span<long> output, bool max)
    {
        var a = axis < 0 ? axis + shape.Length : axis;
        if (a < 0 || a >= shape.Length)
        {
            throw new ArgumentException($"Axis {axis} is out of range for a rank-{shape.Length} tensor; expected -{shape.Length}..{shape.Length - 1}.", nameof(axis));
        }
        var reduced = new bool[shape.Length];
        reduced[a] = true;
        var (inputCount, outputCount, count) = Counts(shape, reduced);
        CheckLengths(input.Length, inputCount, output.Length, outputCount);
        if (outputCount == 0) return;
        if (count == 0)
        {
            throw new ArgumentException($"Arg{(max ? "Max" : "Min")} along axis {axis} of shape [{string.Join(", ", shape.ToArray())}] has no elements to choose from.", nameof(input));
        }

        var inner = InnerCount(shape, a);
        var outer = outputCount / inner;
        fixed (float* src = input)
        fixed (long* dst = output)
        {
            var source = (nint)src;
            var destination = (nint)dst;
            Parallelism.For(outer, Math.Max(1, 16384 / (count * inner)), (start, end) =>
            {
                for (var o = start; o < end; o++)
                {
                    var block = (float*)source + (long)o * count * inner;
                    var indices = new Span<long>((long*)destination + (long)o * inner, inner);
                    if (inner == 1) indices[0] = FirstExtremeIndex(new ReadOnlySpan<float>(block, count), max);
                    else ArgExtremeStrided(block, count, inner, indices, max);
                }
            });
        }
    }

    private static int InnerCount(ReadOnlySpan<int> shape, int axis)
    {
        var inner = 1;
        for (var i = axis + 1; i < shape.Length; i++) inner *= shape[i];
        return inner;
    }

    // The vectorized Max/Min finds the value (NaN if any); the first element equal to it (or the first NaN) is the answer.
    private static int FirstExtremeIndex(ReadOnlySpan<float> row, bool max)
    {
        var extreme = max ? TensorPrimitives.Max(row) : TensorPrimitives.Min(row);
        if (float.IsNaN(extreme))
        {
            for (var i = 0; i < row.Length; i++) if (float.IsNaN(row[i])) return i;
        }
        for (var i = 0; i < row.Length; i++) if (row[i] == extreme) return i;
        return 0;
    }

    // Columns advance one hardware vector at a time: each lane keeps its best value and the row it came from, so
    // a strict comparison keeps the first index on ties; the leftover columns take the same rule one at a time.
    private static unsafe void ArgExtremeStrided(float* block, int count, int inner, Span<long> indices, bool max)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<float>.Count <= inner; i += Vector<float>.Count)
            {
                var best = Vector.Load(block + i);
                var index = Vector<int>.Zero;
                for (var j = 1; j < count; j++)
                {
                    var v = Vector.Load(block + (long)j * inner + i);
                    var better = max ? Vector.GreaterThan(v, best) : Vector.LessThan(v, best);
                    // A NaN beats any number (NumPy); once chosen nothing compares better than it, so the first NaN stays.
                    better |= ~Vector.Equals(v, v) & Vector.Equals(best, best);
                    best = Vector.ConditionalSelect(better, v, best);
                    index = Vector.ConditionalSelect(better, new Vector<int>(j), index);
                }
                for (var k = 0; k < Vector<int>.Count; k++) indices[i + k] = index[k];
            }
        }
        for (; i < inner; i++)
        {
            var best = block[i];
            var index = 0;
            for (var j = 1; j < count; j++)
            {
                var v = block[(long)j * inner + i];
                if ((max ? v > best : v < best) || (float.IsNaN(v) && !float.IsNaN(best)))
                {
                    best = v;
                    index = j;
                }
            }
            indices[i] = index;
        }
    }

    private static (int Input, int Output, int Reduced) Counts(ReadOnlySpan<int> shape, bool[] reduced)
    {
        long input = 1, output = 1, reducedCount = 1;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0) throw new ArgumentException($"Shape [{string.Join(", ", shape.ToArray())}] has a negative dimension.", nameof(shape));
            input *= shape[i];
            if (reduced[i]) reducedCount *= shape[i];
            else output *= shape[i];
        }
        return ((int)input, (int)output, (int)reducedCount);
    }

    private static void CheckLengths(int inputLength, int inputCount, int outputLength, int outputCount)
    {
        if (inputLength != inputCount)
        {
            throw new ArgumentException($"The input holds {inputLength} values but its shape needs {inputCount}.", "input");
        }
        if (outputLength != outputCount)
        {
            throw new ArgumentException($"The output holds {outputLength} values but the reduced shape needs {outputCount}.", "output");
        }
    }
}
