using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Parity.Spec.CoreML;

/// <summary>
/// A file's bytes read through a read-only memory mapping: parsing a specification of many megabytes from the page
/// cache directly, instead of copying it into an array first, halves what a load allocates and touches.
/// </summary>
internal sealed unsafe class MappedFileBytes : IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;

    /// <summary>Maps the first <paramref name="length"/> (at least 1, at most int.MaxValue) bytes of <paramref name="path"/>.</summary>
    public MappedFileBytes(string path, long length)
    {
        _map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            _view = _map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        }
        catch
        {
            _map.Dispose();
            throw;
        }
        byte* start = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _pointer = start + _view.PointerOffset;
        Length = (int)length;
    }

    public int Length { get; }

    /// <summary>The bytes; valid until this object is disposed.</summary>
    public ReadOnlySpan<byte> Span => new(_pointer, Length);

    /// <summary>The bytes as memory, for parsers that take a sequence of segments; valid until this object is disposed.</summary>
    public ReadOnlyMemory<byte> Memory => new MappedMemory(this).Memory;

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }

    private sealed class MappedMemory(MappedFileBytes bytes) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => new(bytes._pointer, bytes.Length);

        // The mapping never moves, so pinning is free.
        public override MemoryHandle Pin(int elementIndex = 0) => new(bytes._pointer + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
