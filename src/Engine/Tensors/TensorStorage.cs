using System.Runtime.CompilerServices;

namespace Parity.Engine.Tensors;

/// <summary>
/// A 64-byte aligned block of bytes backing one or more tensors. Lives in a pinned array on the pinned
/// object heap, so spans over it never move and SIMD loads can be aligned; reference-counted so views
/// keep it alive and the last <see cref="Release"/> hands it back to its pool.
/// </summary>
internal sealed class TensorStorage
{
    public const int Alignment = 64;

    private readonly byte[] _array;
    private readonly int _offset;
    private readonly TensorPool? _pool;
    private int _references = 1;

    public TensorStorage(int capacity, TensorPool? pool)
    {
        Capacity = capacity;
        _pool = pool;
        _array = GC.AllocateUninitializedArray<byte>(capacity + Alignment, pinned: true);
        unsafe
        {
            var address = (nint)Unsafe.AsPointer(ref _array[0]);
            _offset = (int)((Alignment - (address & (Alignment - 1))) & (Alignment - 1));
        }
    }

    public int Capacity { get; }

    public Span<byte> Bytes => _array.AsSpan(_offset, Capacity);

    public void AddReference() => Interlocked.Increment(ref _references);

    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            _pool?.Return(this);
        }
        else if (left < 0)
        {
            throw new ObjectDisposedException(nameof(Tensor), "A tensor was disposed more times than it was shared.");
        }
    }

    /// <summary>Called by the pool when it hands this storage out again.</summary>
    public void Revive() => _references = 1;
}
