using Parity.Engine.Graph;
using Parity.Engine.Ops.Core;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Core;

public class ConstantTests
{
    [Fact]
    public void Produces_its_tensor_without_inputs()
    {
        using var value = Tensor.FromSpan<long>([3, -4, 5, 1L << 40], new Shape(2, 2));
        var op = new Constant(value);

        Assert.Equal([new TensorType(DType.Int64, new Shape(2, 2))], op.InferOutputTypes([]));
        using var output = Tensor.Zeros(DType.Int64, new Shape(2, 2));
        op.Execute([], [output]);
        Assert.True(value.ContentEquals(output));
    }

    [Fact]
    public void Rejects_inputs()
    {
        var op = new Constant(Tensor.Zeros(2));
        var e = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(2))]));
        Assert.Contains("no inputs", e.Message);
    }
}
