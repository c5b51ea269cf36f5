using Parity.Engine.Tensors;
using NpyFile = Parity.Engine.Tensors.Npy;

namespace Parity.Engine.Tests.Npy;

public class NpyWriteTests
{
    public static TheoryData<DType> AllDTypes => new(Enum.GetValues<DType>());

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void Round_trips_every_dtype(DType dtype)
    {
        foreach (var shape in new[] { new Shape(2, 3), Shape.Scalar, new Shape(0, 4), new Shape(1, 1, 5) })
        {
            using var original = Tensor.Uninitialized(dtype, shape);
            var random = new Random(shape.Rank * 100 + (int)dtype);
            random.NextBytes(original.Bytes);
            if (dtype == DType.Bool)
            {
                foreach (ref var b in original.Bytes) b &= 1;
            }

            using var stream = new MemoryStream();
            NpyFile.Write(stream, original);
            stream.Position = 0;
            using var read = NpyFile.Read(stream, "memory");

            Assert.True(original.ContentEquals(read), $"{dtype} {shape} did not round-trip.");
        }
    }

    [Fact]
    public void Header_is_version_1_and_pads_the_data_to_64_bytes()
    {
        using var t = Tensor.FromArray([1, 2, 3], 3);
        using var stream = new MemoryStream();
        NpyFile.Write(stream, t);
        var bytes = stream.ToArray();

        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0], bytes[..8]);
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Equal((byte)'\n', bytes[10 + headerLength - 1]);
        Assert.Equal(10 + headerLength + 12, bytes.Length);
    }

    [Theory]
    [InlineData("f4_v1.npy")]
    [InlineData("f2_v1.npy")]
    [InlineData("i4_v1.npy")]
    [InlineData("u1_v1.npy")]
    [InlineData("i1_v1.npy")]
    [InlineData("b1_v1.npy")]
    [InlineData("scalar_f4.npy")]
    [InlineData("empty_f4.npy")]
    [InlineData("rank4_f4.npy")]
    public void Writes_the_same_bytes_numpy_wrote(string name)
    {
        // NumPy 1.24 writes the same dict (keys sorted, same spelling) and pads with spaces to the same 64-byte
        // boundary, so for small version-1.0 files the bytes agree exactly.
        var path = NpyFixtures.PathOf(name);
        using var t = NpyFile.Read(path);
        using var stream = new MemoryStream();
        NpyFile.Write(stream, t);
        Assert.Equal(File.ReadAllBytes(path), stream.ToArray());
    }

    [Fact]
    public void Header_too_long_for_version_1_is_written_as_version_2()
    {
        // 25000 dimensions of size 1 spell "1, " 25000 times: a 75000-character header, over version 1.0's 65535.
        using var one = Tensor.FromArray([7], 1);
        using var t = one.Reshape(new Shape(Enumerable.Repeat(1, 25000).ToArray()));
        using var stream = new MemoryStream();
        NpyFile.Write(stream, t);
        var bytes = stream.ToArray();
        Assert.Equal(2, bytes[6]);
        Assert.Equal(0, (12 + BitConverter.ToInt32(bytes, 8)) % 64);

        stream.Position = 0;
        using var read = NpyFile.Read(stream, "long header");
        Assert.True(t.ContentEquals(read));
    }

    [Fact]
    public void Writes_and_reads_files_by_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parity-npy-{Guid.NewGuid():N}.npy");
        try
        {
            using var t = Tensor.FromSpan<long>([1, -2, 3], new Shape(3, 1));
            NpyFile.Write(path, t);
            using var read = NpyFile.Read(path);
            Assert.True(t.ContentEquals(read));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
