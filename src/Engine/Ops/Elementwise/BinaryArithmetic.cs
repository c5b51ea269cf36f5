using Parity.Engine.Graph;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Elementwise;

/// <summary>A float32 binary operation (add, sub, mul, div, max, min, pow, floor_div, mod) with NumPy broadcasting.</summary>
public sealed class BinaryArithmetic(BinaryKind operation) : IOperator
{
    public BinaryKind Operation { get; } = Enum.IsDefined(operation) ? operation : throw new ArgumentException($"Unknown binary kind {operation}.", nameof(operation));

    public string Kind => Operation.ToString();

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        OperandChecks.Float32Inputs(Kind, inputs, 2);
        return [new TensorType(DType.Float32, OperandChecks.BroadcastShape(Kind, inputs[0].Shape, inputs[1].Shape))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        Binary.Apply(Operation, inputs[0].Floats, inputs[0].Shape, inputs[1].Floats, inputs[1].Shape, outputs[0].Floats);
}
