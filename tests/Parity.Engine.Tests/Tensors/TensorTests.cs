using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Tensors;

public class TensorTests
{
    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float16)]
    [InlineData(DType.Int64)]
    [InlineData(DType.Bool)]
    public void Storage_is_64_byte_aligned(DType dtype)
    {
        for (var n = 1; n < 300; n += 37)
        {
            using var t = Tensor.Zeros(dtype, new Shape(n, 3));
            unsafe
            {
                fixed (byte* p = t.Bytes)
                {
                    Assert.Equal(0, (long)p % 64);
                }
            }
        }
    }

    [Fact]
    public void Slice0_views_rows_without_copying()
    {
        using var t = Tensor.FromArray([1, 2, 3, 4, 5, 6], 3, 2);
        using var rows = t.Slice0(1, 2);
        Assert.Equal(new Shape(2, 2), rows.Shape);
        Assert.Equal([3f, 4, 5, 6], rows.Floats.ToArray());
        rows.Floats[0] = 30;
        Assert.Equal(30, t.Floats[2]);
    }

    [Fact]
    public void Reshape_keeps_elements_and_rejects_other_counts()
    {
        using var t = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        using var r = t.Reshape(new Shape(3, 2));
        Assert.Equal(t.Floats.ToArray(), r.Floats.ToArray());
        Assert.Throws<ArgumentException>(() => t.Reshape(new Shape(4, 2)));
    }

    [Fact]
    public void Storage_returns_to_the_pool_only_after_every_view_is_disposed()
    {
        var pool = new TensorPool();
        var t = Tensor.Zeros(DType.Float32, new Shape(16), pool);
        var view = t.Reshape(new Shape(4, 4));
        t.Dispose();
        view.Floats[0] = 7;
        using var other = Tensor.Zeros(DType.Float32, new Shape(16), pool);
        other.Floats[0] = 1;
        Assert.Equal(7, view.Floats[0]);
        view.Dispose();
        using var reused = Tensor.Uninitialized(DType.Float32, new Shape(16), pool);
        Assert.Equal(7, reused.Floats[0]);
    }

    [Fact]
    public void The_pool_keeps_idle_blocks_up_to_its_byte_limit_and_no_further()
    {
        // 64-float tensors take 256-byte blocks: a 600-byte limit keeps two of three returned blocks.
        var pool = new TensorPool(maxIdleBytes: 600);
        var tensors = Enumerable.Range(0, 3).Select(_ => Tensor.Uninitialized(DType.Float32, new Shape(64), pool)).ToList();
        tensors[0].Floats[0] = 11;
        tensors[1].Floats[0] = 22;
        foreach (var t in tensors) t.Dispose();
        Assert.Equal(512, pool.IdleBytes);
        using var first = Tensor.Uninitialized(DType.Float32, new Shape(64), pool);
        using var second = Tensor.Uninitialized(DType.Float32, new Shape(64), pool);
        Assert.Equal(0, pool.IdleBytes);
        Assert.Equal([11f, 22f], new[] { first.Floats[0], second.Floats[0] }.Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TensorPool(-1));

        // The unpooled pool keeps nothing: its storage is never handed out twice.
        var weights = Tensor.Uninitialized(DType.Float32, new Shape(64), TensorPool.Unpooled);
        weights.Floats[0] = 33;
        weights.Dispose();
        Assert.Equal(0, TensorPool.Unpooled.IdleBytes);
    }

    [Fact]
    public void A_shared_handle_sees_the_same_elements_and_keeps_them_after_the_original_is_disposed()
    {
        var t = Tensor.FromArray([1, 2, 3], 3);
        using var shared = t.Share();
        var memory = shared.AsMemory<float>();
        t.Floats[1] = 20;
        t.Dispose();
        Assert.Equal([1f, 20f, 3f], memory.ToArray());
        Assert.Throws<InvalidOperationException>(() => shared.AsMemory<int>());
    }

    [Fact]
    public void Half_conversion_rounds_to_nearest_even()
    {
        // 1 + 2^-11 lies exactly between 1 and the next half (1 + 2^-10): ties go to the even mantissa, 1.
        // 1 + 3 * 2^-11 lies between 1 + 2^-10 and 1 + 2^-9: ties go to 1 + 2^-9.
        using var t = Tensor.FromArray([1f + 1f / 2048, 1f + 3f / 2048, 65520f], 3);
        using var h = t.CastFromFloat32(DType.Float16);
        using var back = h.ToFloat32();
        Assert.Equal([1f, 1f + 2f / 1024, float.PositiveInfinity], back.Floats.ToArray());
    }

    [Fact]
    public void Absurd_shapes_are_rejected_before_allocation()
    {
        var e = Assert.Throws<ArgumentException>(() => new Shape(1 << 20, 1 << 20));
        Assert.Contains("more than", e.Message);
    }
}
