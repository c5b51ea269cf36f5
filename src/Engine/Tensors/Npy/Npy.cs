using System.Buffers.Binary;
using System.Text;

namespace Parity.Engine.Tensors;

/// <summary>
/// Reads and writes NumPy .npy files (format versions 1.0, 2.0 and 3.0; little-endian numeric dtypes; C order).
/// Format: magic "\x93NUMPY", major and minor version bytes, header length (uint16 in 1.0, uint32 in 2.0/3.0),
/// then the header dict and the raw data. See numpy/lib/format.py. Bad input raises <see cref="NpyFormatException"/>.
/// </summary>
public static class Npy
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    // NumPy aligns the data to 64 bytes (format.ARRAY_ALIGN) so it can be memory-mapped and read with aligned loads.
    private const int DataAlignment = 64;

    // Far above any header NumPy writes for a plain dtype; keeps a corrupt length from triggering a large read.
    private const int MaxHeaderLength = 100_000;

    public static Tensor Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads one array from <paramref name="stream"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public static Tensor Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = ReadHeader(stream, sourceName);
        var type = NpyDType.Parse(header.Descriptor, sourceName);
        if (header.FortranOrder)
        {
            throw new NpyFormatException(sourceName, "array is stored in Fortran (column-major) order; expected C order (fortran_order: False).");
        }
        var shape = CheckedShape(header.Dims, sourceName);
        var expected = (long)shape.ElementCount * type.SizeOf();
        var tensor = ReadData(stream, sourceName, type, shape, expected);
        if (type == DType.Bool)
        {
            foreach (ref var b in tensor.Bytes)
            {
                b = b != 0 ? (byte)1 : (byte)0;
            }
        }
        return tensor;
    }

    public static void Write(string path, Tensor tensor)
    {
        using var stream = File.Create(path);
        Write(stream, tensor);
    }

    /// <summary>Writes format 1.0 (2.0 when the header exceeds 64 KiB), with the header padded so the data starts on a 64-byte boundary.</summary>
    public static void Write(Stream stream, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensor);
        var text = NpyHeader.ForTensor(tensor).Format();
        var major = Padded(10, text) - 10 <= ushort.MaxValue ? 1 : 2;
        var prelude = major == 1 ? 10 : 12;
        var padded = Padded(prelude, text);
        var headerLength = padded - prelude;
        var bytes = new byte[padded];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)major;
        bytes[7] = 0;
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLength);
        var headerSpan = bytes.AsSpan(prelude);
        headerSpan.Fill((byte)' ');
        Encoding.Latin1.GetBytes(text, headerSpan);
        headerSpan[^1] = (byte)'\n';
        stream.Write(bytes);
        stream.Write(tensor.Bytes);
    }

    /// <summary>Prelude, header text and its closing newline, rounded up to the data alignment.</summary>
    private static int Padded(int prelude, string text) => (prelude + text.Length + 1 + DataAlignment - 1) / DataAlignment * DataAlignment;

    private static NpyHeader ReadHeader(Stream stream, string source)
    {
        Span<byte> prelude = stackalloc byte[12];
        var got = ReadUpTo(stream, prelude[..8]);
        if (got < 8 || !prelude[..6].SequenceEqual(Magic))
        {
            throw new NpyFormatException(source,
                $"not a .npy file: starts with {Convert.ToHexString(prelude[..Math.Min(got, 6)])}, expected the magic 934E554D5059 (\"\\x93NUMPY\").");
        }
        int major = prelude[6], minor = prelude[7];
        if (major is < 1 or > 3 || minor != 0)
        {
            throw new NpyFormatException(source, $"format version {major}.{minor} is not supported; expected 1.0, 2.0 or 3.0.");
        }
        var lengthBytes = major == 1 ? 2 : 4;
        if (ReadUpTo(stream, prelude.Slice(8, lengthBytes)) < lengthBytes)
        {
            throw new NpyFormatException(source, "file ends inside the header length field.");
        }
        long length = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(prelude[8..])
            : BinaryPrimitives.ReadUInt32LittleEndian(prelude[8..]);
        if (length > MaxHeaderLength)
        {
            throw new NpyFormatException(source, $"header claims {length} bytes; at most {MaxHeaderLength} are expected.");
        }
        var header = new byte[length];
        var read = ReadUpTo(stream, header);
        if (read < length)
        {
            throw new NpyFormatException(source, $"file ends {read} bytes into a header of {length} bytes.");
        }
        // Versions 1.0 and 2.0 store the header as latin-1, 3.0 as UTF-8 (for unicode field names).
        string text;
        try
        {
            text = major == 3 ? new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(header) : Encoding.Latin1.GetString(header);
        }
        catch (DecoderFallbackException)
        {
            throw new NpyFormatException(source, "format 3.0 header is not valid UTF-8.");
        }
        return NpyHeader.Parse(text, source);
    }

    /// <summary>Builds the shape, refusing dimensions whose product would exceed <see cref="Shape.MaxElements"/> (checked as <see cref="Shape"/> does).</summary>
    private static Shape CheckedShape(long[] dims, string source)
    {
        long count = 1;
        foreach (var d in dims)
        {
            count *= d;
            if (count > Shape.MaxElements)
            {
                throw new NpyFormatException(source,
                    $"shape ({string.Join(", ", dims)}) holds more than {Shape.MaxElements} elements, the most one tensor may hold.");
            }
        }
        return new Shape(dims.Select(d => (int)d).ToArray());
    }

    /// <summary>Reads exactly the data the header promises, checking the length before allocating the tensor.</summary>
    private static Tensor ReadData(Stream stream, string source, DType type, Shape shape, long expected)
    {
        string Mismatch(string found) =>
            $"header promises {expected} bytes of data ({type} {shape}) but {found}.";

        if (stream.CanSeek)
        {
            var remaining = stream.Length - stream.Position;
            if (remaining != expected)
            {
                throw new NpyFormatException(source, Mismatch($"the file holds {remaining}"));
            }
            var tensor = Tensor.Uninitialized(type, shape);
            if (ReadUpTo(stream, tensor.Bytes) != expected)
            {
                tensor.Dispose();
                throw new NpyFormatException(source, Mismatch("the file ended early"));
            }
            return tensor;
        }

        // A stream of unknown length is buffered in chunks, so memory grows with the bytes actually present,
        // never with what a corrupt header claims.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (buffer.Length <= expected)
        {
            var n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, expected + 1 - buffer.Length));
            if (n == 0) break;
            buffer.Write(chunk, 0, n);
        }
        if (buffer.Length != expected)
        {
            throw new NpyFormatException(source, Mismatch(buffer.Length > expected ? "more data follows" : $"the stream holds {buffer.Length}"));
        }
        var result = Tensor.Uninitialized(type, shape);
        buffer.GetBuffer().AsSpan(0, (int)expected).CopyTo(result.Bytes);
        return result;
    }

    private static int ReadUpTo(Stream stream, Span<byte> destination) => stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
}
