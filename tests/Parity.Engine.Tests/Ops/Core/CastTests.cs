using Parity.Engine.Graph;
using Parity.Engine.Ops.Core;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Core;

public class CastTests
{
    private static Tensor Cast(Tensor input, DType target)
    {
        var op = new Cast(target);
        var type = Assert.Single(op.InferOutputTypes([input.Type]));
        Assert.Equal(new TensorType(target, input.Shape), type);
        var output = Tensor.Zeros(type.DType, type.Shape);
        op.Execute([input], [output]);
        return output;
    }

    [Fact]
    public void Float_to_int_truncates_toward_zero_and_saturates()
    {
        using var input = Tensor.FromArray([1.7f, -1.7f, 2.5f, -0.5f, 3e9f, float.NaN], 6);
        using var output = Cast(input, DType.Int32);
        // 3e9 > int.MaxValue saturates; NaN becomes 0 (.NET's saturating conversion).
        Assert.Equal([1, -1, 2, 0, int.MaxValue, 0], output.Span<int>().ToArray());
    }

    [Fact]
    public void Float32_to_float16_rounds_to_nearest_even()
    {
        // 2049 lies halfway between halves 2048 and 2050 (mantissa ...0 even vs ...1): 2048. 2051 -> 2052 (even).
        using var input = Tensor.FromArray([2049, 2051, 70000], 3);
        using var output = Cast(input, DType.Float16);
        Assert.Equal([(Half)2048, (Half)2052, Half.PositiveInfinity], output.Span<Half>().ToArray());

        using var back = Cast(output, DType.Float32);
        Assert.Equal([2048f, 2052, float.PositiveInfinity], back.Floats.ToArray());
    }

    [Fact]
    public void Integers_wrap_when_narrowed()
    {
        // 300 mod 256 = 44; -1 as a byte is 255; 200 as sbyte is 200 - 256 = -56.
        using var ints = Tensor.FromSpan<int>([300, -1, 7], new Shape(3));
        using var bytes = Cast(ints, DType.UInt8);
        Assert.Equal([(byte)44, (byte)255, (byte)7], bytes.Span<byte>().ToArray());

        using var u8 = Tensor.FromSpan<byte>([200, 5], new Shape(2));
        using var i8 = Cast(u8, DType.Int8);
        Assert.Equal([(sbyte)-56, (sbyte)5], i8.Span<sbyte>().ToArray());
    }

    [Fact]
    public void Int64_to_float32_rounds_once()
    {
        // 2^24 + 1 needs 25 significant bits; it is halfway between 2^24 and 2^24 + 2 and ties to even 2^24.
        // 2^24 + 3 is halfway between 2^24 + 2 and 2^24 + 4; the even mantissa is 2^24 + 4.
        using var input = Tensor.FromSpan<long>([(1L << 24) + 1, (1L << 24) + 3, -5], new Shape(3));
        using var output = Cast(input, DType.Float32);
        Assert.Equal([16777216f, 16777220f, -5f], output.Floats.ToArray());
    }

    [Fact]
    public void Anything_to_bool_tests_for_non_zero()
    {
        using var floats = Tensor.FromArray([0f, -0f, 0.5f, float.NaN], 4);
        using var fromFloats = Cast(floats, DType.Bool);
        Assert.Equal([(byte)0, (byte)0, (byte)1, (byte)1], fromFloats.Bytes.ToArray());

        using var ints = Tensor.FromSpan<long>([0, -3], new Shape(2));
        using var fromInts = Cast(ints, DType.Bool);
        Assert.Equal([(byte)0, (byte)1], fromInts.Bytes.ToArray());

        using var back = Cast(fromInts, DType.Float64);
        Assert.Equal([0.0, 1.0], back.Span<double>().ToArray());
    }

    [Fact]
    public void Float64_to_float32_rounds_to_nearest()
    {
        // 1 + 2^-30 is below half a float32 ulp at 1 (2^-24), so it rounds to 1.
        using var input = Tensor.FromSpan<double>([1 + Math.Pow(2, -30), -2.5], new Shape(2));
        using var output = Cast(input, DType.Float32);
        Assert.Equal([1f, -2.5f], output.Floats.ToArray());
    }

    [Fact]
    public void Same_dtype_copies()
    {
        using var input = Tensor.FromSpan<int>([1, 2, 3], new Shape(3));
        using var output = Cast(input, DType.Int32);
        Assert.True(input.ContentEquals(output));
    }

    [Fact]
    public void Rejects_bad_arity_and_unknown_dtypes()
    {
        Assert.Throws<ShapeMismatchException>(() => new Cast(DType.Int32).InferOutputTypes([]));
        Assert.Throws<ArgumentException>(() => new Cast((DType)99));
    }
}
