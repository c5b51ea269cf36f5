using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Parity.Engine.Tensors;

/// <summary>Exposes a tensor's elements as <see cref="Memory{T}"/>; the tensor's storage is pinned, so pinning is free.</summary>
internal sealed class TensorMemory<T>(Tensor tensor) : MemoryManager<T> where T : unmanaged
{
    public override Span<T> GetSpan() => tensor.Span<T>();

    public override unsafe MemoryHandle Pin(int elementIndex = 0) =>
        new(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetReference(tensor.Span<T>()), elementIndex)));

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
