using System.Collections.Concurrent;
using System.Numerics;

namespace Parity.Engine.Tensors;

/// <summary>
/// Recycles tensor storage by power-of-two size class, so repeated model runs allocate almost nothing.
/// Thread-safe; idle blocks are kept up to <see cref="MaxIdleBytes"/> in total so memory cannot grow without limit.
/// </summary>
/// <param name="maxIdleBytes">How many bytes of idle blocks to keep for reuse; blocks returned beyond it are left to the GC.</param>
public sealed class TensorPool(long maxIdleBytes = TensorPool.DefaultMaxIdleBytes)
{
    /// <summary>
    /// Enough to keep every value of two recorded MobileNet-sized runs (about 210 MB each in size-class blocks): a
    /// check that records both models reuses its blocks run after run instead of faulting in fresh memory each time.
    /// </summary>
    public const long DefaultMaxIdleBytes = 1L << 30;

    private const int MinClassBytes = 64;

    private readonly ConcurrentBag<TensorStorage>[] _idle = CreateClasses();
    private long _idleBytes;

    /// <summary>The limit on idle bytes this pool keeps.</summary>
    public long MaxIdleBytes { get; } = maxIdleBytes >= 0 ? maxIdleBytes : throw new ArgumentOutOfRangeException(nameof(maxIdleBytes), maxIdleBytes, "The idle limit cannot be negative.");

    /// <summary>Bytes of storage currently idle in this pool.</summary>
    public long IdleBytes => Interlocked.Read(ref _idleBytes);

    /// <summary>The process-wide pool tensors use unless told otherwise.</summary>
    public static TensorPool Shared { get; } = new();

    /// <summary>
    /// Keeps nothing and rents exact sizes: for tensors that live as long as a model (its weights), where rounding up to
    /// a size class would only waste memory.
    /// </summary>
    public static TensorPool Unpooled { get; } = new(0);

    internal TensorStorage Rent(int byteLength)
    {
        var size = Math.Max(MinClassBytes, byteLength);
        var cls = SizeClass(size);
        if (cls >= _idle.Length || MaxIdleBytes == 0)
        {
            return new TensorStorage(byteLength, pool: null);
        }

        if (_idle[cls].TryTake(out var storage))
        {
            Interlocked.Add(ref _idleBytes, -storage.Capacity);
            storage.Revive();
            return storage;
        }
        return new TensorStorage(1 << (cls + 6), this);
    }

    internal void Return(TensorStorage storage)
    {
        if (Interlocked.Add(ref _idleBytes, storage.Capacity) > MaxIdleBytes)
        {
            Interlocked.Add(ref _idleBytes, -storage.Capacity);
            return;
        }
        _idle[SizeClass(storage.Capacity)].Add(storage);
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
