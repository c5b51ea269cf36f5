using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Parity.Engine.Kernels;

/// <summary>
/// out[o0, ..., oR-1] = in[map0[o0], ..., mapR-1[oR-1]], where a map entry of -1 means "outside the input" and
/// writes the fill value. Pad, tile, crop, strided slice and nearest resize are each a choice of per-axis maps,
/// so they share this one driver: rows of the last axis are copied as contiguous runs where the map allows.
/// </summary>
internal static class AxisMapGather
{
    private const int MinElementsPerThread = 1 << 15;

    /// <summary>Averaged run length below which element-by-element copying beats span copies.</summary>
    private const int MinRunForBlockCopy = 8;

    public static unsafe void Run<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> inputShape, int[][] maps, T fill, Span<T> output)
        where T : unmanaged
    {
        var rank = inputShape.Length;
        if (maps.Length != rank) throw new ArgumentException($"{maps.Length} axis maps were given for a rank-{rank} input.", nameof(maps));
        var strides = new int[rank];
        var inputCount = 1;
        for (var a = rank - 1; a >= 0; a--)
        {
            strides[a] = inputCount;
            inputCount *= inputShape[a];
        }
        var outputCount = 1;
        for (var a = 0; a < rank; a++)
        {
            foreach (var m in maps[a])
            {
                if (m < -1 || m >= inputShape[a]) throw new ArgumentException($"Axis {a} maps to index {m}, outside 0..{inputShape[a] - 1}.", nameof(maps));
            }
            outputCount *= maps[a].Length;
        }
        if (input.Length != inputCount) throw new ArgumentException($"Input holds {input.Length} elements; its shape needs {inputCount}.", nameof(input));
        if (output.Length != outputCount) throw new ArgumentException($"Output holds {output.Length} elements; the maps produce {outputCount}.", nameof(output));
        if (outputCount == 0) return;
        if (rank == 0)
        {
            output[0] = input[0];
            return;
        }

        var plan = new Plan(maps, strides);
        var rows = outputCount / plan.Inner;
        if (outputCount < 2 * MinElementsPerThread || Parallelism.MaxThreads == 1)
        {
            Rows(input, output, plan, fill, 0, rows);
            return;
        }
        fixed (T* inPtr = input)
        fixed (T* outPtr = output)
        {
            var (ip, il, op, ol) = ((nint)inPtr, input.Length, (nint)outPtr, output.Length);
            Parallelism.For(rows, Math.Max(1, MinElementsPerThread / plan.Inner), (start, end) =>
                Rows(new ReadOnlySpan<T>((void*)ip, il), new Span<T>((void*)op, ol), plan, fill, start, end));
        }
    }

    private static void Rows<T>(ReadOnlySpan<T> input, Span<T> output, Plan plan, T fill, int start, int end)
        where T : unmanaged
    {
        var outerRank = plan.Maps.Length - 1;
        var index = new int[outerRank];
        var rest = start;
        for (var a = outerRank - 1; a >= 0; a--)
        {
            index[a] = rest % plan.Maps[a].Length;
            rest /= plan.Maps[a].Length;
        }
        var innerMap = plan.Maps[outerRank];
        var inner = plan.Inner;
        var previousBase = -1;
        for (var row = start; row < end; row++)
        {
            var dst = output.Slice(row * inner, inner);
            var baseOffset = 0;
            var outside = false;
            for (var a = 0; a < outerRank; a++)
            {
                var m = plan.Maps[a][index[a]];
                if (m < 0)
                {
                    outside = true;
                    break;
                }
                baseOffset += m * plan.Strides[a];
            }
            if (outside)
            {
                dst.Fill(fill);
            }
            else if (row > start && baseOffset == previousBase)
            {
                // Upsampling and edge padding read the same input row again: reuse the row just written.
                output.Slice((row - 1) * inner, inner).CopyTo(dst);
            }
            else if (plan.Runs is { } runs)
            {
                foreach (var (outStart, inStart, length) in runs)
                {
                    if (inStart < 0) dst.Slice(outStart, length).Fill(fill);
                    else input.Slice(baseOffset + inStart, length).CopyTo(dst.Slice(outStart, length));
                }
            }
            else
            {
                ref var src = ref MemoryMarshal.GetReference(input.Slice(baseOffset));
                for (var j = 0; j < inner; j++)
                {
                    var m = innerMap[j];
                    dst[j] = m < 0 ? fill : Unsafe.Add(ref src, m);
                }
            }

            previousBase = outside ? -1 : baseOffset;
            for (var a = outerRank - 1; a >= 0; a--)
            {
                if (++index[a] < plan.Maps[a].Length) break;
                index[a] = 0;
            }
        }
    }

    private sealed class Plan
    {
        public Plan(int[][] maps, int[] strides)
        {
            Maps = maps;
            Strides = strides;
            var innerMap = maps[^1];
            Inner = innerMap.Length;
            var runs = new List<(int, int, int)>();
            var j = 0;
            while (j < innerMap.Length)
            {
                var k = j + 1;
                if (innerMap[j] < 0)
                {
                    while (k < innerMap.Length && innerMap[k] < 0) k++;
                }
                else
                {
                    while (k < innerMap.Length && innerMap[k] == innerMap[k - 1] + 1) k++;
                }
                runs.Add((j, innerMap[j], k - j));
                j = k;
            }
            Runs = Inner >= MinRunForBlockCopy * runs.Count ? runs.ToArray() : null;
        }

        public int[][] Maps { get; }

        public int[] Strides { get; }

        public int Inner { get; }

        /// <summary>The last axis as (output start, input start or -1 for fill, length) runs; null when runs are too short to pay off.</summary>
        public (int OutStart, int InStart, int Length)[]? Runs { get; }
    }
}
