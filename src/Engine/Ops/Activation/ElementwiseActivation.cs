using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

// Shares Ops/Elementwise's namespace: a namespace named Activation or Activations would hide the
// Kernels.Activation struct and Kernels.Activations class from all code in Parity.Engine.Ops.*.
namespace Parity.Engine.Ops.Elementwise;

/// <summary>An element-wise activation (relu, sigmoid, gelu... with its parameters) on a float32 tensor.</summary>
public sealed class ElementwiseActivation(Activation function) : IOperator
{
    public Activation Function { get; } = Enum.IsDefined(function.Kind) ? function : throw new ArgumentException($"Unknown activation kind {function.Kind}.", nameof(function));

    public string Kind => Function.Kind.ToString();

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        OperandChecks.Float32Inputs(Kind, inputs, 1);
        return [inputs[0]];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => Activations.Apply(Function, inputs[0].Floats, outputs[0].Floats);
}
