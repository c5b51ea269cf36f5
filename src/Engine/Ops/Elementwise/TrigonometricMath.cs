using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Elementwise;

/// <summary>
/// A float32 trigonometric or hyperbolic function element-wise (MIL tan, asin, acos, atan, sinh, cosh, atanh), through
/// the BCL's MathF (within an ulp or two of the correctly rounded result); rare in models, so a plain parallel loop.
/// </summary>
public sealed class TrigonometricMath(TrigonometricFunction function) : IOperator
{
    public TrigonometricFunction Function { get; } = Enum.IsDefined(function) ? function : throw new ArgumentException($"Unknown trigonometric function {function}.", nameof(function));

    public string Kind => Function.ToString();

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        OperandChecks.Float32Inputs(Kind, inputs, 1);
        return [inputs[0]];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var input = inputs[0];
        var output = outputs[0];
        Func<float, float> f = Function switch
        {
            TrigonometricFunction.Tan => MathF.Tan,
            TrigonometricFunction.Asin => MathF.Asin,
            TrigonometricFunction.Acos => MathF.Acos,
            TrigonometricFunction.Atan => MathF.Atan,
            TrigonometricFunction.Sinh => MathF.Sinh,
            TrigonometricFunction.Cosh => MathF.Cosh,
            _ => MathF.Atanh,
        };
        Parallelism.For(input.Length, 16384, (start, end) =>
        {
            var source = input.Floats;
            var target = output.Floats;
            for (var i = start; i < end; i++) target[i] = f(source[i]);
        });
    }
}
