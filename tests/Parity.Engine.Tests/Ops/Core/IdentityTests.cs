using Parity.Engine.Graph;
using Parity.Engine.Ops.Core;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Core;

public class IdentityTests
{
    [Fact]
    public void Copies_any_dtype_and_shape()
    {
        using var input = Tensor.FromSpan<Half>([(Half)1.5, (Half)(-2), (Half)0.25], new Shape(3, 1));
        var op = new Identity();
        Assert.Equal([input.Type], op.InferOutputTypes([input.Type]));

        using var output = Tensor.Zeros(DType.Float16, new Shape(3, 1));
        op.Execute([input], [output]);
        Assert.True(input.ContentEquals(output));
    }

    [Fact]
    public void Takes_exactly_one_input()
    {
        var t = new TensorType(DType.Float32, new Shape(1));
        Assert.Contains("2 were given", Assert.Throws<ShapeMismatchException>(() => new Identity().InferOutputTypes([t, t])).Message);
    }
}
