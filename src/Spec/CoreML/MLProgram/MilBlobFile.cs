using System.Buffers.Binary;

namespace Parity.Spec.CoreML.MLProgram;

/// <summary>The element types a MIL blob storage file declares for a blob (coremltools MILBlob BlobDataType numbering).</summary>
public enum MilBlobDataType : uint
{
    Float16 = 1,
    Float32 = 2,
    UInt8 = 3,
    Int8 = 4,
    BFloat16 = 5,
    Int16 = 6,
    UInt16 = 7,
    Int4 = 8,
    UInt1 = 9,
    UInt2 = 10,
    UInt4 = 11,
    UInt3 = 12,
    UInt6 = 13,
    Int32 = 14,
    UInt32 = 15,
    Float8E4M3FN = 16,
    Float8E5M2 = 17,
}

/// <summary>
/// One blob of a weight file: its declared element type and where its raw little-endian bytes lie, read on request
/// straight into the caller's memory (weights are a model's bulk: no intermediate array).
/// </summary>
public sealed class MilBlob
{
    private readonly MilBlobFile _file;
    private readonly long _offset;
    private readonly string _location;

    internal MilBlob(MilBlobFile file, MilBlobDataType dataType, long offset, int length, string location)
    {
        _file = file;
        DataType = dataType;
        _offset = offset;
        Length = length;
        _location = location;
    }

    public MilBlobDataType DataType { get; }

    /// <summary>The blob's size in bytes.</summary>
    public int Length { get; }

    /// <summary>Reads the blob into <paramref name="destination"/>, which must be exactly <see cref="Length"/> bytes.</summary>
    public void ReadInto(Span<byte> destination)
    {
        if (destination.Length != Length) throw new ArgumentException($"The blob holds {Length} bytes; the destination {destination.Length}.", nameof(destination));
        _file.ReadExactly(_offset, destination, _location);
    }
}

/// <summary>
/// A MIL blob storage file (an ML Program package's weights/weight.bin), read as coremltools' MILBlob StorageFormat
/// lays it out: a 64-byte storage header (uint32 blob count, uint32 version = 2, reserved), then per blob a 64-byte
/// metadata record (uint32 sentinel 0xDEADBEEF, uint32 data type, uint64 size in bytes, uint64 data offset, reserved)
/// followed by the data, everything 64-byte aligned. A program's BlobFileValue offset points at a metadata record.
/// Every offset and size is checked against the file length before anything is read.
/// </summary>
public sealed class MilBlobFile
{
    /// <summary>Size of the storage header and of each blob metadata record.</summary>
    public const int RecordBytes = 64;

    /// <summary>The value every blob metadata record starts with.</summary>
    public const uint Sentinel = 0xDEADBEEF;

    private readonly FileInfo _file;
    private readonly string _label;

    private MilBlobFile(FileInfo file, string label, uint count, uint version)
    {
        _file = file;
        _label = label;
        Count = count;
        Version = version;
    }

    /// <summary>The number of blobs the header declares.</summary>
    public uint Count { get; }

    /// <summary>The storage format version the header declares (2 for every file coremltools writes).</summary>
    public uint Version { get; }

    /// <summary>The file length in bytes.</summary>
    public long Length => _file.Length;

    /// <summary>Opens <paramref name="path"/> and checks its storage header; <paramref name="label"/> names the file in errors.</summary>
    public static MilBlobFile Open(string path, string label)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new ModelFormatException(label, null, "does not exist; the ML Program's const ops read their weights from it.");
        Span<byte> header = stackalloc byte[RecordBytes];
        ReadExactly(file, label, 0, header, "storage header");
        var count = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var version = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (version != 2)
        {
            throw new ModelFormatException(label, "storage header", $"declares version {version}; MIL blob storage files are version 2.");
        }
        if ((ulong)count * (2 * RecordBytes) > (ulong)file.Length)
        {
            throw new ModelFormatException(label, "storage header", $"declares {count} blobs, more than a {file.Length}-byte file can hold.");
        }
        return new MilBlobFile(file, label, count, version);
    }

    /// <summary>Reads the blob whose metadata record starts at <paramref name="offset"/>.</summary>
    public MilBlob Read(ulong offset)
    {
        var location = $"blob at offset {offset}";
        if (offset < RecordBytes || offset > (ulong)Length || (ulong)Length - offset < RecordBytes)
        {
            throw new ModelFormatException(_label, location, $"lies outside the blob records of this {Length}-byte file (the first record starts at {RecordBytes}).");
        }
        Span<byte> metadata = stackalloc byte[RecordBytes];
        ReadExactly(_file, _label, (long)offset, metadata, location);
        var sentinel = BinaryPrimitives.ReadUInt32LittleEndian(metadata);
        if (sentinel != Sentinel)
        {
            throw new ModelFormatException(_label, location, $"starts with 0x{sentinel:X8}, not the blob metadata sentinel 0x{Sentinel:X8}; the offset does not point at a blob.");
        }
        var dataType = (MilBlobDataType)BinaryPrimitives.ReadUInt32LittleEndian(metadata[4..]);
        if (!Enum.IsDefined(dataType))
        {
            throw new ModelFormatException(_label, location, $"declares data type {(uint)dataType}; known types are 1..17 (fp16, fp32, uint8, int8, bf16, ...).");
        }
        var size = BinaryPrimitives.ReadUInt64LittleEndian(metadata[8..]);
        var dataOffset = BinaryPrimitives.ReadUInt64LittleEndian(metadata[16..]);
        if (dataOffset > (ulong)Length || size > (ulong)Length - dataOffset)
        {
            throw new ModelFormatException(_label, location, $"declares {size} bytes at offset {dataOffset}, past the end of the {Length}-byte file.");
        }
        if (size > int.MaxValue)
        {
            throw new ModelFormatException(_label, location, $"declares {size} bytes; blobs over 2 GiB are not read.");
        }
        return new MilBlob(this, dataType, (long)dataOffset, (int)size, location);
    }

    internal void ReadExactly(long offset, Span<byte> destination, string what) => ReadExactly(_file, _label, offset, destination, what);

    private static void ReadExactly(FileInfo file, string label, long offset, Span<byte> destination, string what)
    {
        try
        {
            using var handle = File.OpenHandle(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.RandomAccess);
            var length = RandomAccess.GetLength(handle);
            if (length - offset < destination.Length)
            {
                throw new ModelFormatException(label, what, $"needs {destination.Length} bytes at offset {offset}, but the file has {length} bytes.");
            }
            if (!FileRange.TryRead(handle, offset, destination))
            {
                throw new ModelFormatException(label, what, $"ended before the {destination.Length} bytes at offset {offset} were read (the file changed while it was read).");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException(label, what, $"could not be read ({e.Message}).", e);
        }
    }
}
