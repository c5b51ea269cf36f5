using System.Runtime.InteropServices;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Features;
using Parity.Validation.Runtimes.CoreML;

namespace Parity.Validation.Tests.Runtimes;

public class MultiArrayLayoutTests
{
    [Fact]
    public void Element_offsets_follow_shape_and_strides()
    {
        // Dense [2, 3]: element 4 is (1, 1) -> 1*3 + 1*1 = 4.
        Assert.Equal(4, MultiArrayLayout.ElementOffset([2, 3], [3, 1], 4));
        // Rows padded to 4 elements: (1, 1) -> 1*4 + 1 = 5.
        Assert.Equal(5, MultiArrayLayout.ElementOffset([2, 3], [4, 1], 4));
        // Column-major [2, 3] (strides [1, 2]): (1, 1) -> 1*1 + 1*2 = 3; (0, 2) -> 0 + 2*2 = 4.
        Assert.Equal(3, MultiArrayLayout.ElementOffset([2, 3], [1, 2], 4));
        Assert.Equal(4, MultiArrayLayout.ElementOffset([2, 3], [1, 2], 2));
    }

    [Fact]
    public void Extent_is_one_past_the_last_element()
    {
        // Last element (1, 2) of [2, 3] with strides [4, 1]: 1*4 + 2*1 = 6, so 7 elements are spanned.
        Assert.Equal(7, MultiArrayLayout.Extent([2, 3], [4, 1]));
        Assert.Equal(0, MultiArrayLayout.Extent([2, 0], [4, 1]));
        Assert.Equal(1, MultiArrayLayout.Extent([], []));
        Assert.Throws<ArgumentException>(() => MultiArrayLayout.Extent([2, 3], [1]));
        Assert.Throws<ArgumentException>(() => MultiArrayLayout.Extent([2, 3], [-1, 1]));
    }

    [Fact]
    public void Dense_strides_are_row_major()
    {
        // [2, 3, 4]: strides 3*4 = 12, 4, 1.
        Assert.Equal([12L, 4, 1], MultiArrayLayout.DenseStrides([2, 3, 4]));
    }

    [Fact]
    public void A_padded_float16_output_is_read_without_the_padding()
    {
        // [2, 2] halves in rows of 3 slots; the third slot of each row is padding (NaN) that must not appear.
        Half[] slots = [(Half)1, (Half)2, Half.NaN, (Half)(-3), (Half)0.5, Half.NaN];
        using var t = MultiArrayLayout.ToTensor(MemoryMarshal.AsBytes<Half>(slots), MultiArrayDataType.Float16, [2, 2], [3, 1]);
        Assert.Equal(DType.Float16, t.DType);
        Assert.Equal(new Shape(2, 2), t.Shape);
        Assert.Equal([(Half)1, (Half)2, (Half)(-3), (Half)0.5], t.Span<Half>().ToArray());
    }

    [Fact]
    public void Double_and_int32_outputs_keep_their_values()
    {
        double[] doubles = [0.1, 1e300];
        using var d = MultiArrayLayout.ToTensor(MemoryMarshal.AsBytes<double>(doubles), MultiArrayDataType.Double, [2], [1]);
        Assert.Equal(doubles, d.Span<double>().ToArray());
        int[] ints = [7, -8, 9];
        // Strides [2]: elements 0 and 2 of the buffer.
        using var i = MultiArrayLayout.ToTensor(MemoryMarshal.AsBytes<int>(ints), MultiArrayDataType.Int32, [2], [2]);
        Assert.Equal([7, 9], i.Span<int>().ToArray());
    }

    [Fact]
    public void A_buffer_shorter_than_the_strides_need_is_refused()
    {
        // [2, 2] with strides [3, 1] spans 1*3 + 1*1 + 1 = 5 floats = 20 bytes.
        var e = Assert.Throws<ArgumentException>(() => MultiArrayLayout.ToTensor(new byte[16], MultiArrayDataType.Float32, [2, 2], [3, 1]));
        Assert.Contains("needs 20", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_are_written_densely_in_the_declared_type()
    {
        using var t = Tensor.FromArray([1.5f, -2.5f, 3.25f, 65504f], 2, 2);
        var halves = new byte[8];
        MultiArrayLayout.FromTensor(t, MultiArrayDataType.Float16, halves);
        Assert.Equal([(Half)1.5, (Half)(-2.5), (Half)3.25, Half.MaxValue], MemoryMarshal.Cast<byte, Half>(halves).ToArray());
        var ints = new byte[16];
        MultiArrayLayout.FromTensor(t, MultiArrayDataType.Int32, ints);
        // Round half to even: 1.5 -> 2, -2.5 -> -2, 3.25 -> 3.
        Assert.Equal([2, -2, 3, 65504], MemoryMarshal.Cast<byte, int>(ints).ToArray());
        using var precise = Tensor.FromSpan<double>([0.1, 0.2], new Shape(2));
        var doubles = new byte[16];
        MultiArrayLayout.FromTensor(precise, MultiArrayDataType.Double, doubles);
        Assert.Equal([0.1, 0.2], MemoryMarshal.Cast<byte, double>(doubles).ToArray());
        Assert.Throws<ArgumentException>(() => MultiArrayLayout.FromTensor(t, MultiArrayDataType.Float32, new byte[15]));
    }

    /// <summary>Random shapes (rank 1..4, sizes 1..4) with rows padded by 0..2 slots on every axis.</summary>
    private static Arbitrary<(long[] Shape, long[] Padding)> Layouts() =>
        (from rank in Gen.Choose(1, 4)
         from shape in Gen.ArrayOf(Gen.Choose(1, 4).Select(x => (long)x), rank)
         from padding in Gen.ArrayOf(Gen.Choose(0, 2).Select(x => (long)x), rank)
         select (shape, padding)).ToArbitrary();

    [Property(MaxTest = 100)]
    public Property Strided_reads_match_an_odometer_walk_of_the_buffer() => Prop.ForAll(Layouts(), layout =>
    {
        var (shape, padding) = layout;
        // Padded strides: each axis steps over the next axis's padded extent.
        var strides = new long[shape.Length];
        long step = 1;
        for (var axis = shape.Length - 1; axis >= 0; axis--)
        {
            strides[axis] = step;
            step *= shape[axis] + padding[axis];
        }
        var buffer = Enumerable.Range(0, (int)step).Select(i => (float)i).ToArray();
        using var t = MultiArrayLayout.ToTensor(MemoryMarshal.AsBytes<float>(buffer), MultiArrayDataType.Float32, shape, strides);

        // Independent definition: walk multi-indices like an odometer and sum index * stride.
        var index = new long[shape.Length];
        var expected = new List<float>();
        while (true)
        {
            expected.Add(buffer[(int)index.Select((x, a) => x * strides[a]).Sum()]);
            var a = shape.Length - 1;
            while (a >= 0 && ++index[a] == shape[a]) index[a--] = 0;
            if (a < 0) break;
        }
        return expected.SequenceEqual(t.Floats.ToArray());
    });
}
