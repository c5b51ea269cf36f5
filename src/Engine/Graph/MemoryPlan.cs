using Parity.Engine.Tensors;

namespace Parity.Engine.Graph;

/// <summary>
/// Buffer sharing for runs without an observer, decided at compile time: each intermediate value lives from
/// the node producing it to its last reader, and values whose lifetimes do not overlap share a slot. Slots
/// are chosen greedily by best fit on byte size. Graph outputs get their own buffers and are never reused.
/// </summary>
public sealed class MemoryPlan
{
    // Slot sizes are multiples of 8 bytes so a slot can be viewed as any dtype's elements.
    private const int SlotGranule = 8;

    private readonly Dictionary<string, int> _slotOf;
    private readonly long[] _slotBytes;
    private readonly string[][] _releaseAfter;

    private MemoryPlan(Dictionary<string, int> slotOf, long[] slotBytes, string[][] releaseAfter, long totalValueBytes, long outputBytes)
    {
        _slotOf = slotOf;
        _slotBytes = slotBytes;
        _releaseAfter = releaseAfter;
        TotalValueBytes = totalValueBytes;
        OutputBytes = outputBytes;
        PlannedBytes = slotBytes.Sum();
    }

    /// <summary>Number of shared buffers the intermediates use.</summary>
    public int SlotCount => _slotBytes.Length;

    /// <summary>Bytes of all shared buffers together: what one run allocates for intermediates.</summary>
    public long PlannedBytes { get; }

    /// <summary>Bytes of every value the nodes produce, as if none shared a buffer.</summary>
    public long TotalValueBytes { get; }

    /// <summary>Bytes of the graph outputs, which have buffers of their own.</summary>
    public long OutputBytes { get; }

    /// <summary>Most bytes a run without an observer holds at once for node results.</summary>
    public long PeakBytes => PlannedBytes + OutputBytes;

    /// <summary>The slot <paramref name="value"/> lives in, or -1 when it has its own buffer (outputs, graph inputs).</summary>
    public int SlotOf(string value) => _slotOf.GetValueOrDefault(value, -1);

    internal long SlotBytes(int slot) => _slotBytes[slot];

    /// <summary>Values whose last reader is node <paramref name="nodeIndex"/> (or that nobody reads), released after it runs.</summary>
    internal IReadOnlyList<string> ReleaseAfter(int nodeIndex) => _releaseAfter[nodeIndex];

    internal static MemoryPlan Create(Graph graph, IReadOnlyDictionary<string, TensorType> types)
    {
        var nodes = graph.Nodes;
        var outputs = graph.Outputs.ToHashSet();
        var lastUse = new Dictionary<string, int>();
        foreach (var input in graph.Inputs) lastUse[input.Name] = -1;
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var value in nodes[i].Outputs) lastUse[value] = i;
            foreach (var value in nodes[i].Inputs) lastUse[value] = i;
        }

        var releaseAfter = new List<string>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++) releaseAfter[i] = [];
        foreach (var (value, last) in lastUse)
        {
            if (last >= 0 && !outputs.Contains(value)) releaseAfter[last].Add(value);
        }

        var slotOf = new Dictionary<string, int>();
        var slotBytes = new List<long>();
        var free = new List<int>();
        long total = 0, outputBytes = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var value in nodes[i].Outputs)
            {
                // A value without a type sits downstream of a failed inference and is never produced.
                if (!types.TryGetValue(value, out var type)) continue;
                var bytes = ByteSize(type);
                total += bytes;
                if (outputs.Contains(value))
                {
                    outputBytes += bytes;
                    continue;
                }
                var slot = BestFit(free, slotBytes, RoundUp(bytes));
                free.Remove(slot);
                slotOf[value] = slot;
            }
            // Released only after the node's outputs are placed, so an output never aliases an input it reads.
            foreach (var value in releaseAfter[i])
            {
                if (slotOf.TryGetValue(value, out var slot)) free.Add(slot);
            }
        }
        return new MemoryPlan(slotOf, slotBytes.ToArray(), releaseAfter.Select(r => r.ToArray()).ToArray(), total, outputBytes);
    }

    /// <summary>
    /// The smallest free slot that fits; else the largest free slot, grown (cheaper than a new buffer);
    /// else a new slot. Returns the slot index, adding or growing slots as needed.
    /// </summary>
    private static int BestFit(List<int> free, List<long> slotBytes, long bytes)
    {
        var best = -1;
        var largest = -1;
        foreach (var slot in free)
        {
            if (slotBytes[slot] >= bytes && (best < 0 || slotBytes[slot] < slotBytes[best])) best = slot;
            if (largest < 0 || slotBytes[slot] > slotBytes[largest]) largest = slot;
        }
        if (best >= 0) return best;
        if (largest >= 0)
        {
            slotBytes[largest] = bytes;
            return largest;
        }
        slotBytes.Add(bytes);
        free.Add(slotBytes.Count - 1);
        return slotBytes.Count - 1;
    }

    private static long ByteSize(TensorType type) => (long)type.Shape.ElementCount * type.DType.SizeOf();

    private static long RoundUp(long bytes) => Math.Max(SlotGranule, (bytes + SlotGranule - 1) / SlotGranule * SlotGranule);
}
