using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Parity.Engine.Tensors;
using static System.Numerics.Tensors.TensorPrimitives;

namespace Parity.Engine.Kernels;

/// <summary>
/// Softmax and log-softmax along one axis, seen as [outer, axis, inner]. Numerically stable: the axis maximum is
/// subtracted before exp. With inner == 1 each row is contiguous and vectorized along the axis; otherwise whole
/// inner rows are combined element-wise, vectorized along inner. NaN anywhere on a slice makes that slice NaN.
/// </summary>
public static class Softmax
{
    // Below this many elements per thread, splitting costs more than it saves.
    private const int MinElementsPerThread = 1 << 14;

    // exp values of a contiguous row are summed through a stack buffer of this many floats.
    private const int ExpChunk = 256;

    /// <summary>Softmax of a tensor of <paramref name="shape"/> along <paramref name="axis"/> (negative counts from the end).</summary>
    public static void Apply(ReadOnlySpan<float> input, Shape shape, int axis, Span<float> output) =>
        Run(input, shape, axis, output, log: false);

    /// <summary>Log-softmax: x - max - log(sum(exp(x - max))) along <paramref name="axis"/>.</summary>
    public static void ApplyLog(ReadOnlySpan<float> input, Shape shape, int axis, Span<float> output) =>
        Run(input, shape, axis, output, log: true);

    /// <summary>Softmax over the middle axis of an [outer, axisLength, inner] array; output may be the input itself.</summary>
    public static void Apply(ReadOnlySpan<float> input, Span<float> output, int outer, int axisLength, int inner) =>
        Run(input, output, outer, axisLength, inner, log: false);

    /// <summary>Log-softmax over the middle axis of an [outer, axisLength, inner] array; output may be the input itself.</summary>
    public static void ApplyLog(ReadOnlySpan<float> input, Span<float> output, int outer, int axisLength, int inner) =>
        Run(input, output, outer, axisLength, inner, log: true);

    private static void Run(ReadOnlySpan<float> input, Shape shape, int axis, Span<float> output, bool log)
    {
        var a = shape.Axis(axis);
        if (input.Length != shape.ElementCount)
        {
            throw new ArgumentException($"The input has {input.Length} elements but shape {shape} needs {shape.ElementCount}.", nameof(input));
        }
        Run(input, output, shape.Product(0, a), shape[a], shape.Product(a + 1, shape.Rank), log);
    }

    private static unsafe void Run(ReadOnlySpan<float> input, Span<float> output, int outer, int axisLength, int inner, bool log)
    {
        if (outer < 0 || axisLength < 0 || inner < 0)
        {
            throw new ArgumentException($"Softmax extents must be non-negative; got outer {outer}, axis {axisLength}, inner {inner}.");
        }
        var block = axisLength * inner;
        if (input.Length != outer * block || output.Length != input.Length)
        {
            throw new ArgumentException(
                $"Softmax over [{outer}, {axisLength}, {inner}] needs {outer * block} elements; got input {input.Length}, output {output.Length}.");
        }
        if (input.Overlaps(output, out var offset) && offset != 0)
        {
            throw new ArgumentException($"The output overlaps the input at an offset of {offset} elements; it must be the input itself or disjoint from it.", nameof(output));
        }
        if (block == 0 || outer == 0) return;
        fixed (float* x = input, y = output)
        {
            // Spans cannot enter a lambda; the pinned addresses can, and the pin lasts until For returns.
            nint px = (nint)x, py = (nint)y;
            Parallelism.For(outer, Math.Max(1, MinElementsPerThread / block), (start, end) =>
            {
                for (var o = start; o < end; o++)
                {
                    var src = new ReadOnlySpan<float>((float*)px + (long)o * block, block);
                    var dst = new Span<float>((float*)py + (long)o * block, block);
                    if (inner == 1) Row(src, dst, log);
                    else Strided(src, dst, axisLength, inner, log);
                }
            });
        }
    }

    private static void Row(ReadOnlySpan<float> x, Span<float> y, bool log)
    {
        var max = Max(x);
        Subtract(x, max, y);
        if (log)
        {
            Subtract(y, MathF.Log(SumExp(y)), y);
            return;
        }
        Exp(y, y);
        Divide(y, (float)SumInDouble(y), y);
    }

    private static float SumExp(ReadOnlySpan<float> shifted)
    {
        Span<float> buffer = stackalloc float[ExpChunk];
        var sum = 0.0;
        for (var i = 0; i < shifted.Length; i += ExpChunk)
        {
            var chunk = shifted.Slice(i, Math.Min(ExpChunk, shifted.Length - i));
            var e = buffer[..chunk.Length];
            Exp(chunk, e);
            sum += SumInDouble(e);
        }
        return (float)sum;
    }

    // Row sums accumulate in double: a float sum of n terms can drift by n/2 ulp (TensorPrimitives.Sum adds
    // sequentially when SIMD is off), which would make the error grow with the axis length.
    private static double SumInDouble(ReadOnlySpan<float> values)
    {
        var total = 0.0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<float>.Count)
        {
            ref var start = ref MemoryMarshal.GetReference(values);
            var acc = Vector256<double>.Zero;
            for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                acc += Vector256.WidenLower(v) + Vector256.WidenUpper(v);
            }
            total = Vector256.Sum(acc);
        }
        for (; i < values.Length; i++) total += values[i];
        return total;
    }

    private static void Strided(ReadOnlySpan<float> x, Span<float> y, int axisLength, int inner, bool log)
    {
        var rented = ArrayPool<float>.Shared.Rent(5 * inner);
        try
        {
            var max = rented.AsSpan(0, inner);
            var sum = rented.AsSpan(inner, inner);
            var exp = rented.AsSpan(2 * inner, inner);
            var compensation = rented.AsSpan(3 * inner, inner);
            var next = rented.AsSpan(4 * inner, inner);
            x[..inner].CopyTo(max);
            for (var k = 1; k < axisLength; k++) Max(max, x.Slice(k * inner, inner), max);
            sum.Clear();
            compensation.Clear();
            for (var k = 0; k < axisLength; k++)
            {
                var yk = y.Slice(k * inner, inner);
                Subtract(x.Slice(k * inner, inner), max, yk);
                Exp(yk, log ? exp : yk);
                AddCompensated(sum, compensation, log ? exp : yk, next);
            }
            if (log)
            {
                Log(sum, sum);
                for (var k = 0; k < axisLength; k++) Subtract(y.Slice(k * inner, inner), sum, y.Slice(k * inner, inner));
            }
            else
            {
                for (var k = 0; k < axisLength; k++) Divide(y.Slice(k * inner, inner), sum, y.Slice(k * inner, inner));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    // Kahan's compensated summation, element-wise: a long axis summed term by term in float would drift by about
    // axisLength / 2 ulp; the compensation keeps the error near 2 ulp regardless of length.
    private static void AddCompensated(Span<float> sum, Span<float> compensation, ReadOnlySpan<float> term, Span<float> next)
    {
        Subtract(term, compensation, compensation);
        Add(sum, compensation, next);
        Subtract(next, sum, sum);
        Subtract(sum, compensation, compensation);
        next.CopyTo(sum);
    }
}
