using System.Collections.Concurrent;
using System.Numerics;

namespace Parity.Engine.Tensors;

/// <summary>
/// Recycles tensor storage by power-of-two size class, so repeated model runs allocate almost nothing.
/// Thread-safe; keeps a bounded number of idle blocks per class so memory cannot grow without limit.
/// </summary>
public sealed class TensorPool
{
    private const int MinClassBytes = 64;
    private const int MaxIdlePerClass = 16;

    private readonly ConcurrentBag<TensorStorage>[] _idle = CreateClasses();

    /// <summary>The process-wide pool tensors use unless told otherwise.</summary>
    public static TensorPool Shared { get; } = new();

    internal TensorStorage Rent(int byteLength)
    {
        var size = Math.Max(MinClassBytes, byteLength);
        var cls = SizeClass(size);
        if (cls >= _idle.Length)
        {
            return new TensorStorage(byteLength, pool: null);
        }

        if (_idle[cls].TryTake(out var storage))
        {
            storage.Revive();
            return storage;
        }
        return new TensorStorage(1 << (cls + 6), this);
    }

    internal void Return(TensorStorage storage)
    {
        var bag = _idle[SizeClass(storage.Capacity)];
        if (bag.Count < MaxIdlePerClass) bag.Add(storage);
    }

    private static int SizeClass(int bytes) => BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)bytes)) - 6;

    private static ConcurrentBag<TensorStorage>[] CreateClasses()
    {
        // Classes from 64 B to 1 GiB; larger blocks are allocated exactly and never pooled.
        var classes = new ConcurrentBag<TensorStorage>[25];
        for (var i = 0; i < classes.Length; i++) classes[i] = [];
        return classes;
    }
}
