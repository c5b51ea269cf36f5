using System.Text;
using FsCheck.Xunit;
using Parity.Engine.Tensors;
using NpyFile = Parity.Engine.Tensors.Npy;

namespace Parity.Engine.Tests.Npy;

public class NpyCorruptInputTests
{
    /// <summary>A .npy file assembled by hand: magic, version, header length, the header padded to 64 bytes, then <paramref name="data"/>.</summary>
    private static byte[] Build(string header, byte[] data, int major = 1)
    {
        var prelude = major == 1 ? 10 : 12;
        var padded = (prelude + header.Length + 1 + 63) / 64 * 64;
        var text = header.PadRight(padded - prelude - 1) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0 };
        bytes.AddRange(major == 1 ? BitConverter.GetBytes((ushort)text.Length) : BitConverter.GetBytes((uint)text.Length));
        bytes.AddRange(major == 3 ? Encoding.UTF8.GetBytes(text) : Encoding.Latin1.GetBytes(text));
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    private static NpyFormatException ReadFails(byte[] file) =>
        Assert.Throws<NpyFormatException>(() => NpyFile.Read(new MemoryStream(file), "bad.npy"));

    private static readonly byte[] TwoFloats = [.. BitConverter.GetBytes(1.5f), .. BitConverter.GetBytes(-2f)];

    [Fact]
    public void Hand_built_file_reads_in_every_version_and_with_native_byte_order()
    {
        foreach (var major in new[] { 1, 2, 3 })
        {
            foreach (var descr in new[] { "<f4", "=f4" })
            {
                using var t = NpyFile.Read(new MemoryStream(Build($"{{'descr': '{descr}', 'fortran_order': False, 'shape': (2,), }}", TwoFloats, major)), "ok");
                Assert.Equal([1.5f, -2f], t.Floats.ToArray());
            }
        }
        // Python 2 era files spell dimensions as longs, and key order and quotes may differ.
        using var old = NpyFile.Read(new MemoryStream(Build("{\"shape\": (2L,), \"fortran_order\": False, \"descr\": \"<f4\"}", TwoFloats)), "old");
        Assert.Equal(new Shape(2), old.Shape);
    }

    [Fact]
    public void Bad_magic_is_reported_with_what_was_found()
    {
        var file = Build("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", TwoFloats);
        file[1] = (byte)'X';
        var e = ReadFails(file);
        Assert.Contains("bad.npy", e.Message);
        Assert.Contains("934E554D5059", e.Message);
        Assert.Contains("935855", e.Message);
    }

    [Fact]
    public void Unknown_version_is_rejected()
    {
        var file = Build("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", TwoFloats);
        file[6] = 4;
        Assert.Contains("4.0", ReadFails(file).Message);
    }

    [Fact]
    public void Header_length_beyond_the_file_is_truncation()
    {
        var file = Build("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", []);
        file[9] = 0x10; // header now claims 4096 + its real length
        Assert.Contains("ends", ReadFails(file).Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Data_shorter_or_longer_than_the_header_says_is_rejected(int floats)
    {
        var data = new byte[floats * 4];
        var e = ReadFails(Build("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", data));
        Assert.Contains("promises 8 bytes", e.Message);
        Assert.Contains($"holds {floats * 4}", e.Message);

        var stream = new ForwardOnlyStream(Build("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", data));
        Assert.Throws<NpyFormatException>(() => NpyFile.Read(stream, "pipe"));
    }

    [Fact]
    public void Huge_declared_data_fails_before_anything_is_allocated()
    {
        // 2^27 float32 = 512 MiB promised, nothing present: the length check must come first (seekable or not).
        var file = Build("{'descr': '<f4', 'fortran_order': False, 'shape': (134217728,), }", TwoFloats);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("promises 536870912 bytes", ReadFails(file).Message);
        Assert.Throws<NpyFormatException>(() => NpyFile.Read(new ForwardOnlyStream(file), "pipe"));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Theory]
    [InlineData("(100000, 100000)")]
    [InlineData("(268435457,)")]
    [InlineData("(99999999999999999999,)")]
    public void Shapes_over_the_element_limit_are_rejected(string shape)
    {
        var e = ReadFails(Build($"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}", []));
        Assert.Contains("shape", e.Message);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False}", "lacks")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "'extra'")]
    [InlineData("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,)}", "True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1)}", "non-negative")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} trailing", "after its closing")]
    [InlineData("{'descr': '<f4, 'fortran_order': False, 'shape': (2,)}", "expected")]
    [InlineData("{'descr': 'f4', 'fortran_order': False, 'shape': (2,)}", "'f4'")]
    [InlineData("{'descr': '|f4', 'fortran_order': False, 'shape': (2,)}", "byte order '|'")]
    [InlineData("{'descr': '<U3', 'fortran_order': False, 'shape': (2,)}", "'<U3'")]
    [InlineData("", "expected '{'")]
    public void Malformed_headers_say_what_is_wrong(string header, string mentioned)
    {
        var e = ReadFails(Build(header, TwoFloats));
        Assert.Contains(mentioned, e.Message);
        Assert.Contains("bad.npy", e.Message);
    }

    [Fact]
    public void Version_3_header_must_be_valid_utf8()
    {
        var file = Build("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", TwoFloats, major: 3);
        file[13] = 0xC3; // a lead byte followed by ' ', which is no continuation byte
        Assert.Contains("UTF-8", ReadFails(file).Message);
    }

    [Theory]
    [InlineData("f4_v1.npy")]
    [InlineData("f8_v2.npy")]
    [InlineData("i8_v3.npy")]
    [InlineData("scalar_f4.npy")]
    public void Every_truncation_of_a_valid_file_is_a_format_error(string name)
    {
        var file = File.ReadAllBytes(NpyFixtures.PathOf(name));
        for (var length = 0; length < file.Length; length++)
        {
            var cut = file[..length];
            Assert.Throws<NpyFormatException>(() => NpyFile.Read(new MemoryStream(cut), name));
            Assert.Throws<NpyFormatException>(() => NpyFile.Read(new ForwardOnlyStream(cut), name));
        }
    }

    [Theory]
    [InlineData("f4_v1.npy")]
    [InlineData("f8_v2.npy")]
    [InlineData("i8_v3.npy")]
    [InlineData("b1_v1.npy")]
    public void Flipped_header_bytes_give_a_format_error_or_a_clean_read(string name)
    {
        var original = File.ReadAllBytes(NpyFixtures.PathOf(name));
        var headerEnd = original.Length - DataLength(name);
        var random = new Random(7);
        foreach (var mask in new byte[] { 0x01, 0x20, 0x80, 0xFF, (byte)random.Next(1, 256) })
        {
            for (var at = 0; at < headerEnd; at++)
            {
                var file = (byte[])original.Clone();
                file[at] ^= mask;
                try
                {
                    NpyFile.Read(new MemoryStream(file), name).Dispose();
                }
                catch (NpyFormatException)
                {
                }
            }
        }
    }

    [Property(MaxTest = 300)]
    public void Any_header_text_gives_a_format_error_or_a_clean_read(string header, bool version3)
    {
        var file = Build(header ?? "", TwoFloats, version3 ? 3 : 1);
        try
        {
            NpyFile.Read(new MemoryStream(file), "fuzz").Dispose();
        }
        catch (NpyFormatException)
        {
        }
    }

    [Property(MaxTest = 300)]
    public void Header_like_text_gives_a_format_error_or_a_clean_read(string descr, int[] dims, bool fortran)
    {
        var shape = "(" + string.Join(", ", (dims ?? []).Take(4)) + (dims?.Length == 1 ? ",)" : ")");
        var header = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        try
        {
            NpyFile.Read(new MemoryStream(Build(header, TwoFloats)), "fuzz").Dispose();
        }
        catch (NpyFormatException)
        {
        }
    }

    private static int DataLength(string name)
    {
        using var t = NpyFile.Read(NpyFixtures.PathOf(name));
        return t.ByteLength;
    }
}
