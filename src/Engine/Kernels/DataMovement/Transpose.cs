using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels;

/// <summary>
/// Permutes the axes of a row-major tensor: output axis i is input axis perm[i] (NumPy transpose, ONNX Transpose,
/// MIL transpose). Size-1 axes are dropped and input axes that stay adjacent are merged first, so NHWC to NCHW
/// becomes a batch of [H*W, C] matrix transposes done in cache-sized tiles.
/// </summary>
public static class Transpose
{
    private const int Tile = 16;
    private const int MinElementsPerThread = 1 << 15;

    /// <summary>The permuted shape; throws when <paramref name="perm"/> is not a permutation of the input's axes.</summary>
    public static Shape OutputShape(Shape input, ReadOnlySpan<int> perm)
    {
        Validate(input.Dims, perm);
        var dims = new int[perm.Length];
        for (var i = 0; i < perm.Length; i++) dims[i] = input[perm[i]];
        return new Shape(dims);
    }

    /// <summary>Writes <paramref name="input"/> of <paramref name="shape"/> with its axes permuted by <paramref name="perm"/> into <paramref name="output"/>.</summary>
    public static unsafe void Run<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, ReadOnlySpan<int> perm, Span<T> output)
        where T : unmanaged
    {
        Validate(shape, perm);
        var count = 1;
        foreach (var d in shape) count *= d;
        if (input.Length != count || output.Length != count)
        {
            throw new ArgumentException($"Transpose of [{string.Join(", ", shape.ToArray())}] needs {count} elements in and out; got {input.Length} and {output.Length}.");
        }
        if (count == 0) return;

        var (dims, p) = Simplify(shape, perm);
        var rank = dims.Length;
        if (rank <= 1)
        {
            input.CopyTo(output);
            return;
        }

        var inStrides = RowMajorStrides(dims);
        var outStrides = new int[rank];
        var s = 1;
        for (var i = rank - 1; i >= 0; i--)
        {
            outStrides[p[i]] = s;
            s *= dims[p[i]];
        }

        // The input axis that is fastest in the output (a) and the input's fastest axis (rank-1) are tiled; every
        // other axis is an outer loop taken in output order so writes stay close together.
        var a = p[rank - 1];
        var b = rank - 1;
        var outer = new List<int>();
        foreach (var axis in p)
        {
            if (axis != a && axis != b) outer.Add(axis);
        }
        var plan = a == b
            ? new Plan(outer.Select(x => dims[x]).ToArray(), outer.Select(x => inStrides[x]).ToArray(), outer.Select(x => outStrides[x]).ToArray(),
                dims[b], 1, 0, 0, Whole: true)
            : new Plan(outer.Select(x => dims[x]).ToArray(), outer.Select(x => inStrides[x]).ToArray(), outer.Select(x => outStrides[x]).ToArray(),
                dims[a], inStrides[a], dims[b], outStrides[b], Whole: false);

        var items = plan.OuterCount * plan.RowBlocks;
        if (count < 2 * MinElementsPerThread || Parallelism.MaxThreads == 1)
        {
            Blocks(input, output, plan, 0, items);
            return;
        }
        fixed (T* inPtr = input)
        fixed (T* outPtr = output)
        {
            var (ip, op) = ((nint)inPtr, (nint)outPtr);
            var perItem = Math.Max(1, count / Math.Max(1, items));
            Parallelism.For(items, Math.Max(1, MinElementsPerThread / perItem), (start, end) =>
                Blocks(new ReadOnlySpan<T>((void*)ip, count), new Span<T>((void*)op, count), plan, start, end));
        }
    }

    /// <summary>Work item = (outer index, block of Tile rows along the output-fastest axis).</summary>
    private static void Blocks<T>(ReadOnlySpan<T> input, Span<T> output, Plan plan, int start, int end)
        where T : unmanaged
    {
        ref var src = ref MemoryMarshal.GetReference(input);
        ref var dst = ref MemoryMarshal.GetReference(output);
        for (var item = start; item < end; item++)
        {
            var outerIndex = item / plan.RowBlocks;
            var i0 = (item % plan.RowBlocks) * Tile;
            var i1 = Math.Min(plan.Rows, i0 + Tile);
            int inBase = 0, outBase = 0, rest = outerIndex;
            for (var k = plan.OuterDims.Length - 1; k >= 0; k--)
            {
                var idx = rest % plan.OuterDims[k];
                rest /= plan.OuterDims[k];
                inBase += idx * plan.OuterIn[k];
                outBase += idx * plan.OuterOut[k];
            }

            if (plan.Whole)
            {
                // The input's fastest axis stays fastest: each outer index is one contiguous run.
                input.Slice(inBase, plan.Rows).CopyTo(output.Slice(outBase, plan.Rows));
                continue;
            }

            for (var j0 = 0; j0 < plan.Cols; j0 += Tile)
            {
                var j1 = Math.Min(plan.Cols, j0 + Tile);
                var scalarFrom = j0;
                if (Avx.IsSupported && Unsafe.SizeOf<T>() == sizeof(float) && i1 - i0 == Tile)
                {
                    // Full 8x8 sub-blocks of 4-byte elements go through registers; the rest of the tile stays scalar.
                    ref var src32 = ref Unsafe.As<T, float>(ref src);
                    ref var dst32 = ref Unsafe.As<T, float>(ref dst);
                    for (; scalarFrom + 8 <= j1; scalarFrom += 8)
                    {
                        for (var i = i0; i < i1; i += 8)
                        {
                            Transpose8x8(
                                ref Unsafe.Add(ref src32, inBase + i * plan.RowInStride + scalarFrom), plan.RowInStride,
                                ref Unsafe.Add(ref dst32, outBase + scalarFrom * plan.ColOutStride + i), plan.ColOutStride);
                        }
                    }
                }
                for (var j = scalarFrom; j < j1; j++)
                {
                    ref var o = ref Unsafe.Add(ref dst, outBase + j * plan.ColOutStride);
                    ref var x = ref Unsafe.Add(ref src, inBase + j);
                    for (var i = i0; i < i1; i++) Unsafe.Add(ref o, i) = Unsafe.Add(ref x, i * plan.RowInStride);
                }
            }
        }
    }

    /// <summary>
    /// Transposes an 8x8 block of 4-byte values (rows <paramref name="srcStride"/> apart) into rows
    /// <paramref name="dstStride"/> apart: unpack pairs, shuffle quads, then swap 128-bit halves. Only moves bits, so
    /// it serves int32 and NaN payloads as well as floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(ref float src, int srcStride, ref float dst, int dstStride)
    {
        var r0 = Vector256.LoadUnsafe(ref src);
        var r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, srcStride));
        var r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 2 * srcStride));
        var r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 3 * srcStride));
        var r4 = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 4 * srcStride));
        var r5 = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 5 * srcStride));
        var r6 = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 6 * srcStride));
        var r7 = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 7 * srcStride));

        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);

        var q0 = Avx.Shuffle(t0, t2, 0x44);
        var q1 = Avx.Shuffle(t0, t2, 0xEE);
        var q2 = Avx.Shuffle(t1, t3, 0x44);
        var q3 = Avx.Shuffle(t1, t3, 0xEE);
        var q4 = Avx.Shuffle(t4, t6, 0x44);
        var q5 = Avx.Shuffle(t4, t6, 0xEE);
        var q6 = Avx.Shuffle(t5, t7, 0x44);
        var q7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Permute2x128(q0, q4, 0x20).StoreUnsafe(ref dst);
        Avx.Permute2x128(q1, q5, 0x20).StoreUnsafe(ref Unsafe.Add(ref dst, dstStride));
        Avx.Permute2x128(q2, q6, 0x20).StoreUnsafe(ref Unsafe.Add(ref dst, 2 * dstStride));
        Avx.Permute2x128(q3, q7, 0x20).StoreUnsafe(ref Unsafe.Add(ref dst, 3 * dstStride));
        Avx.Permute2x128(q0, q4, 0x31).StoreUnsafe(ref Unsafe.Add(ref dst, 4 * dstStride));
        Avx.Permute2x128(q1, q5, 0x31).StoreUnsafe(ref Unsafe.Add(ref dst, 5 * dstStride));
        Avx.Permute2x128(q2, q6, 0x31).StoreUnsafe(ref Unsafe.Add(ref dst, 6 * dstStride));
        Avx.Permute2x128(q3, q7, 0x31).StoreUnsafe(ref Unsafe.Add(ref dst, 7 * dstStride));
    }

    /// <summary>Drops size-1 axes and merges runs of input axes that stay consecutive in the permutation.</summary>
    private static (int[] Dims, int[] Perm) Simplify(ReadOnlySpan<int> shape, ReadOnlySpan<int> perm)
    {
        var newIndex = new int[shape.Length];
        var kept = 0;
        for (var i = 0; i < shape.Length; i++) newIndex[i] = shape[i] == 1 ? -1 : kept++;
        var p = new List<int>();
        foreach (var axis in perm)
        {
            if (newIndex[axis] >= 0) p.Add(newIndex[axis]);
        }
        var keptDims = new List<int>();
        foreach (var d in shape)
        {
            if (d != 1) keptDims.Add(d);
        }

        // Groups in output order; each group is a run of consecutive input axes.
        var groups = new List<(int First, int Last)>();
        foreach (var axis in p)
        {
            if (groups.Count > 0 && groups[^1].Last + 1 == axis) groups[^1] = (groups[^1].First, axis);
            else groups.Add((axis, axis));
        }
        var byInputOrder = groups.Select((g, outPos) => (g.First, g.Last, outPos)).OrderBy(g => g.First).ToArray();
        var dims = new int[groups.Count];
        var mergedAxisOfGroup = new int[groups.Count];
        for (var k = 0; k < byInputOrder.Length; k++)
        {
            var (first, last, outPos) = byInputOrder[k];
            var d = 1;
            for (var axis = first; axis <= last; axis++) d *= keptDims[axis];
            dims[k] = d;
            mergedAxisOfGroup[outPos] = k;
        }
        return (dims, mergedAxisOfGroup);
    }

    private static int[] RowMajorStrides(int[] dims)
    {
        var strides = new int[dims.Length];
        var s = 1;
        for (var i = dims.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= dims[i];
        }
        return strides;
    }

    internal static void Validate(ReadOnlySpan<int> shape, ReadOnlySpan<int> perm)
    {
        var seen = new bool[perm.Length];
        var ok = perm.Length == shape.Length;
        foreach (var axis in perm)
        {
            if (!ok || axis < 0 || axis >= perm.Length || seen[axis])
            {
                ok = false;
                break;
            }
            seen[axis] = true;
        }
        if (!ok)
        {
            throw new ArgumentException(
                $"Permutation [{string.Join(", ", perm.ToArray())}] is not a permutation of the {shape.Length} axes of [{string.Join(", ", shape.ToArray())}].",
                nameof(perm));
        }
    }

    /// <summary>
    /// Rows run along the output-fastest axis, columns along the input-fastest axis; with <paramref name="Whole"/> both are
    /// the same axis and each work item copies one whole row.
    /// </summary>
    private sealed record Plan(int[] OuterDims, int[] OuterIn, int[] OuterOut, int Rows, int RowInStride, int Cols, int ColOutStride, bool Whole)
    {
        public int OuterCount { get; } = OuterDims.Aggregate(1, (x, y) => x * y);

        public int RowBlocks { get; } = Whole ? 1 : (Rows + Tile - 1) / Tile;
    }
}
