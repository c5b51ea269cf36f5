using Parity.Engine.Graph;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Elementwise;

/// <summary>A float32 function of one argument (sqrt, exp, log, floor, round, sin, erf...).</summary>
public sealed class UnaryMath(UnaryKind function) : IOperator
{
    public UnaryKind Function { get; } = Enum.IsDefined(function) ? function : throw new ArgumentException($"Unknown unary kind {function}.", nameof(function));

    public string Kind => Function.ToString();

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        OperandChecks.Float32Inputs(Kind, inputs, 1);
        return [inputs[0]];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => Unary.Apply(Function, inputs[0].Floats, outputs[0].Floats);
}
