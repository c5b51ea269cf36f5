using Parity.Engine.Graph;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Elementwise;

public class TrigonometricMathOpTests
{
    [Theory]
    [InlineData(TrigonometricFunction.Tan, 0.7853981633974483, 1.0)]          // tan(π/4)
    [InlineData(TrigonometricFunction.Asin, 0.5, 0.5235987755982989)]         // π/6
    [InlineData(TrigonometricFunction.Acos, 0.5, 1.0471975511965979)]         // π/3
    [InlineData(TrigonometricFunction.Atan, 1.0, 0.7853981633974483)]         // π/4
    [InlineData(TrigonometricFunction.Sinh, 1.0, 1.1752011936438014)]         // (e - 1/e) / 2
    [InlineData(TrigonometricFunction.Cosh, 1.0, 1.5430806348152437)]         // (e + 1/e) / 2
    [InlineData(TrigonometricFunction.Atanh, 0.5, 0.5493061443340549)]        // ln(3) / 2
    public void Computes_known_values(TrigonometricFunction function, double x, double expected)
    {
        using var input = Tensor.FromArray([(float)x, -(float)x], 2);
        var op = new TrigonometricMath(function);
        var type = op.InferOutputTypes([input.Type]).Single();
        using var output = Tensor.Uninitialized(type.DType, type.Shape);
        op.Execute([input], [output]);
        Assert.Equal(expected, output.Floats[0], 5);
        // tan, asin, atan, sinh, atanh are odd; acos(-x) = π - acos(x); cosh is even.
        var mirrored = function switch
        {
            TrigonometricFunction.Acos => Math.PI - expected,
            TrigonometricFunction.Cosh => expected,
            _ => -expected,
        };
        Assert.Equal(mirrored, output.Floats[1], 5);
    }

    [Fact]
    public void Rejects_non_float_inputs_and_unknown_functions()
    {
        Assert.Throws<ShapeMismatchException>(() => new TrigonometricMath(TrigonometricFunction.Tan).InferOutputTypes([new TensorType(DType.Int32, new Shape(2))]));
        Assert.Throws<ArgumentException>(() => new TrigonometricMath((TrigonometricFunction)99));
    }
}
