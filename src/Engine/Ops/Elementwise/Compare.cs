using Parity.Engine.Graph;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Elementwise;

/// <summary>A float32 comparison with NumPy broadcasting producing a bool tensor.</summary>
public sealed class Compare(CompareKind comparison) : IOperator
{
    public CompareKind Comparison { get; } = Enum.IsDefined(comparison) ? comparison : throw new ArgumentException($"Unknown comparison {comparison}.", nameof(comparison));

    public string Kind => Comparison.ToString();

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        OperandChecks.Float32Inputs(Kind, inputs, 2);
        return [new TensorType(DType.Bool, OperandChecks.BroadcastShape(Kind, inputs[0].Shape, inputs[1].Shape))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        Kernels.Elementwise.Comparison.Apply(Comparison, inputs[0].Floats, inputs[0].Shape, inputs[1].Floats, inputs[1].Shape, outputs[0].Bytes);
}
