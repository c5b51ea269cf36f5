using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.Resize;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Resize;

public class ResizeOpTests
{
    [Fact]
    public void Upsample_nearest_by_two_in_nchw()
    {
        // [[1,2],[3,4]] upsampled x2: each pixel becomes a 2x2 block.
        using var input = Tensor.FromArray([1, 2, 3, 4], 1, 1, 2, 2);
        var op = new UpsampleOp(ResizeMethod.Nearest, 2, 2, new ResizeParameters(Layout.Nchw, ResizeCoordinates.Asymmetric));
        var type = op.InferOutputTypes([input.Type])[0];
        Assert.Equal(new Shape(1, 1, 4, 4), type.Shape);
        using var output = Tensor.Zeros(type.DType, type.Shape);
        op.Execute([input], [output]);
        Assert.Equal([1f, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4], output.Floats.ToArray());
    }

    [Fact]
    public void Fractional_upsample_floors_the_output_size()
    {
        // MIL upsample: H2 = floor(H1 * scale): floor(3 * 1.5) = 4, floor(5 * 1.5) = 7.
        var op = new UpsampleOp(ResizeMethod.Bilinear, 1.5, 1.5, new ResizeParameters(Layout.Nhwc, ResizeCoordinates.HalfPixel));
        Assert.Equal(new Shape(1, 4, 7, 2), op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 3, 5, 2))])[0].Shape);
    }

    [Fact]
    public void Bilinear_resize_of_float16_rounds_through_float32()
    {
        // half_pixel 2 -> 4 of [0, 1] = [0, 0.25, 0.75, 1], all exact in float16.
        using var floats = Tensor.FromArray([0, 1], 1, 1, 1, 2);
        using var input = floats.CastFromFloat32(DType.Float16);
        var op = new ResizeOp(ResizeMethod.Bilinear, 1, 4, new ResizeParameters(Layout.Nchw, ResizeCoordinates.HalfPixel));
        using var output = Tensor.Zeros(DType.Float16, op.InferOutputTypes([input.Type])[0].Shape);
        op.Execute([input], [output]);
        using var back = output.ToFloat32();
        Assert.Equal([0f, 0.25f, 0.75f, 1f], back.Floats.ToArray());
    }

    [Fact]
    public void Nearest_resize_moves_bool_and_int64_elements_unchanged()
    {
        // 1x1x1x2 -> 1x1x1x4 asymmetric floor: columns 0,0,1,1.
        var op = new ResizeOp(ResizeMethod.Nearest, 1, 4, new ResizeParameters(Layout.Nchw, ResizeCoordinates.Asymmetric));
        using var bools = Tensor.FromBools([true, false], new Shape(1, 1, 1, 2));
        using var boolOut = Tensor.Zeros(DType.Bool, op.InferOutputTypes([bools.Type])[0].Shape);
        op.Execute([bools], [boolOut]);
        Assert.Equal([1, 1, 0, 0], boolOut.Bytes.ToArray());

        using var longs = Tensor.FromSpan<long>([long.MaxValue, -5], new Shape(1, 1, 1, 2));
        using var longOut = Tensor.Zeros(DType.Int64, new Shape(1, 1, 1, 4));
        op.Execute([longs], [longOut]);
        Assert.Equal([long.MaxValue, long.MaxValue, -5, -5], longOut.Span<long>().ToArray());
    }

    [Fact]
    public void Shape_errors_name_the_input()
    {
        var op = new ResizeOp(ResizeMethod.Bilinear, 4, 4, new ResizeParameters(Layout.Nhwc, ResizeCoordinates.AlignCorners));
        var e = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(4, 5))]));
        Assert.Contains("[4, 5]", e.Message);
        Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Int32, new Shape(1, 2, 2, 1))]));
    }
}
