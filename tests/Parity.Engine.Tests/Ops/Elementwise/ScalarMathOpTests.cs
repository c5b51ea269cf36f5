using Parity.Engine.Graph;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Elementwise;

public class ScalarMathOpTests
{
    [Theory]
    [InlineData(ScalarFunctionKind.Tan, 0.7853981633974483, 1.0)]          // tan(π/4)
    [InlineData(ScalarFunctionKind.Asin, 0.5, 0.5235987755982989)]         // π/6
    [InlineData(ScalarFunctionKind.Acos, 0.5, 1.0471975511965979)]         // π/3
    [InlineData(ScalarFunctionKind.Atan, 1.0, 0.7853981633974483)]         // π/4
    [InlineData(ScalarFunctionKind.Sinh, 1.0, 1.1752011936438014)]         // (e - 1/e) / 2
    [InlineData(ScalarFunctionKind.Cosh, 1.0, 1.5430806348152437)]         // (e + 1/e) / 2
    [InlineData(ScalarFunctionKind.Atanh, 0.5, 0.5493061443340549)]        // ln(3) / 2
    public void Computes_known_values(ScalarFunctionKind function, double x, double expected)
    {
        using var input = Tensor.FromArray([(float)x, -(float)x], 2);
        var op = new ScalarMath(function);
        var type = op.InferOutputTypes([input.Type]).Single();
        using var output = Tensor.Uninitialized(type.DType, type.Shape);
        op.Execute([input], [output]);
        Assert.Equal(expected, output.Floats[0], 5);
        // tan, asin, atan, sinh, atanh are odd; acos(-x) = π - acos(x); cosh is even.
        var mirrored = function switch
        {
            ScalarFunctionKind.Acos => Math.PI - expected,
            ScalarFunctionKind.Cosh => expected,
            _ => -expected,
        };
        Assert.Equal(mirrored, output.Floats[1], 5);
    }

    [Fact]
    public void Rejects_non_float_inputs_and_unknown_functions()
    {
        Assert.Throws<ShapeMismatchException>(() => new ScalarMath(ScalarFunctionKind.Tan).InferOutputTypes([new TensorType(DType.Int32, new Shape(2))]));
        Assert.Throws<ArgumentException>(() => new ScalarMath((ScalarFunctionKind)99));
    }
}
