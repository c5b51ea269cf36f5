using Parity.Engine.Tensors;
using NpyFile = Parity.Engine.Tensors.Npy;

namespace Parity.Engine.Tests.Npy;

/// <summary>Reads files NumPy 1.24 wrote (see Data/generate.py); expected contents restate what the script asked for.</summary>
public class NpyReadTests
{
    [Fact]
    public void Float32_version_1()
    {
        // np.arange(6).reshape(2, 3) * 0.5 - 1.
        using var t = NpyFile.Read(NpyFixtures.PathOf("f4_v1.npy"));
        Assert.Equal(new TensorType(DType.Float32, new Shape(2, 3)), t.Type);
        Assert.Equal([-1f, -0.5f, 0, 0.5f, 1, 1.5f], t.Floats.ToArray());
    }

    [Fact]
    public void Float16_version_1()
    {
        using var t = NpyFile.Read(NpyFixtures.PathOf("f2_v1.npy"));
        Assert.Equal(new TensorType(DType.Float16, new Shape(4)), t.Type);
        Assert.Equal([(Half)0.5, (Half)(-2.0), (Half)65504, Half.Epsilon], t.Span<Half>().ToArray());
    }

    [Fact]
    public void Float64_version_2()
    {
        using var t = NpyFile.Read(NpyFixtures.PathOf("f8_v2.npy"));
        Assert.Equal(new TensorType(DType.Float64, new Shape(1, 2)), t.Type);
        Assert.Equal([1.25, -3.5], t.Span<double>().ToArray());
    }

    [Fact]
    public void Int32_version_1()
    {
        using var t = NpyFile.Read(NpyFixtures.PathOf("i4_v1.npy"));
        Assert.Equal([int.MinValue, -1, 0, int.MaxValue], t.Span<int>().ToArray());
    }

    [Fact]
    public void Int64_version_3()
    {
        using var t = NpyFile.Read(NpyFixtures.PathOf("i8_v3.npy"));
        Assert.Equal([-(1L << 62), 0, (1L << 40) + 1], t.Span<long>().ToArray());
    }

    [Fact]
    public void Byte_types()
    {
        using var u8 = NpyFile.Read(NpyFixtures.PathOf("u1_v1.npy"));
        Assert.Equal(new TensorType(DType.UInt8, new Shape(2, 2)), u8.Type);
        Assert.Equal([(byte)0, (byte)255, (byte)7, (byte)128], u8.Span<byte>().ToArray());

        using var i8 = NpyFile.Read(NpyFixtures.PathOf("i1_v1.npy"));
        Assert.Equal([(sbyte)-128, (sbyte)127, (sbyte)0], i8.Span<sbyte>().ToArray());

        using var b = NpyFile.Read(NpyFixtures.PathOf("b1_v1.npy"));
        Assert.Equal(DType.Bool, b.DType);
        Assert.Equal([(byte)1, (byte)0, (byte)1], b.Bytes.ToArray());
    }

    [Fact]
    public void Scalar_empty_and_rank_4_shapes()
    {
        using var scalar = NpyFile.Read(NpyFixtures.PathOf("scalar_f4.npy"));
        Assert.Equal(0, scalar.Rank);
        Assert.Equal(3.25f, scalar.Floats[0]);

        using var empty = NpyFile.Read(NpyFixtures.PathOf("empty_f4.npy"));
        Assert.Equal(new Shape(0, 3), empty.Shape);

        using var rank4 = NpyFile.Read(NpyFixtures.PathOf("rank4_f4.npy"));
        Assert.Equal(new Shape(1, 2, 3, 4), rank4.Shape);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (float)i), rank4.Floats.ToArray());
    }

    [Theory]
    [InlineData("fortran_f4.npy", "Fortran")]
    [InlineData("bigendian_f4.npy", "'>f4'")]
    [InlineData("object.npy", "'|O'")]
    [InlineData("complex_c8.npy", "'<c8'")]
    [InlineData("structured.npy", "structured")]
    public void Unsupported_files_name_the_file_and_the_feature(string name, string mentioned)
    {
        var path = NpyFixtures.PathOf(name);
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(mentioned, e.Message);
        Assert.Equal(path, e.SourceName);
    }

    [Fact]
    public void Reads_from_a_stream_that_cannot_seek()
    {
        using var stream = new ForwardOnlyStream(File.ReadAllBytes(NpyFixtures.PathOf("f4_v1.npy")));
        using var t = NpyFile.Read(stream, "pipe");
        Assert.Equal([-1f, -0.5f, 0, 0.5f, 1, 1.5f], t.Floats.ToArray());
    }
}
