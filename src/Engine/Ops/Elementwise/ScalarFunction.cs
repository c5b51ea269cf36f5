using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Elementwise;

/// <summary>The trigonometric and hyperbolic functions that have no vector kernel; see <see cref="ScalarMath"/>.</summary>
public enum ScalarFunctionKind
{
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Asinh,
    Acosh,
    Atanh,
}

/// <summary>
/// A rarely used float32 function evaluated per element in double precision with System.Math and rounded once to
/// float, so results are within half an ulp of the exact value (NaN outside the function's domain, as Math gives).
/// These functions appear in few models, so a plain loop is enough and doubles as its own reference.
/// </summary>
public sealed class ScalarMath(ScalarFunctionKind function) : IOperator
{
    public ScalarFunctionKind Function { get; } = Enum.IsDefined(function) ? function : throw new ArgumentException($"Unknown scalar function {function}.", nameof(function));

    public string Kind => Function.ToString();

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        OperandChecks.Float32Inputs(Kind, inputs, 1);
        return [inputs[0]];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        ReadOnlySpan<float> x = inputs[0].Floats;
        var y = outputs[0].Floats;
        Func<double, double> f = Function switch
        {
            ScalarFunctionKind.Tan => Math.Tan,
            ScalarFunctionKind.Asin => Math.Asin,
            ScalarFunctionKind.Acos => Math.Acos,
            ScalarFunctionKind.Atan => Math.Atan,
            ScalarFunctionKind.Sinh => Math.Sinh,
            ScalarFunctionKind.Cosh => Math.Cosh,
            ScalarFunctionKind.Asinh => Math.Asinh,
            ScalarFunctionKind.Acosh => Math.Acosh,
            _ => Math.Atanh,
        };
        for (var i = 0; i < x.Length; i++) y[i] = (float)f(x[i]);
    }
}
