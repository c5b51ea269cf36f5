using Parity.Engine.Graph;
using Parity.Engine.Ops.Core;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Core;

public class RoundToFloat16Tests
{
    [Fact]
    public void Values_round_to_the_nearest_half_and_stay_float32()
    {
        // Halves near 1 are 2^-10 apart: 1 + 2^-11 is the tie between 1 and 1 + 2^-10 and goes to the even 1;
        // 1 + 3 * 2^-11 ties between 1 + 2^-10 and 1 + 2^-9 and goes to the even 1 + 2^-9. 65520 overflows to infinity,
        // 65519 rounds down to 65504 (the largest half).
        float[] values = [1f + 1f / 2048, 1f + 3f / 2048, 0.1f, 65519f, 65520f, -2f];
        using var input = Tensor.FromArray(values, 2, 3);
        var op = new RoundToFloat16();
        var type = Assert.Single(op.InferOutputTypes([input.Type]));
        Assert.Equal(input.Type, type);
        using var output = Tensor.Zeros(type.DType, type.Shape);

        op.Execute([input], [output]);

        // 0.1 as a half is 1638 / 16384 = 0.0999755859375.
        Assert.Equal([1f, 1f + 1f / 512, 0.0999755859375f, 65504f, float.PositiveInfinity, -2f], output.Floats.ToArray());
    }

    [Fact]
    public void Only_float32_is_accepted()
    {
        Assert.Throws<ShapeMismatchException>(() => new RoundToFloat16().InferOutputTypes([new TensorType(DType.Int32, new Shape(2))]));
    }
}
