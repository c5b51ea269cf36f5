using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>Joins all inputs along <see cref="Axis"/>.</summary>
public sealed class ConcatOp(int axis) : IOperator
{
    public int Axis { get; } = axis;

    public string Kind => "Concat";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count == 0) throw new ShapeMismatchException("Concat needs at least one input.");
        if (inputs.Any(t => t.DType != inputs[0].DType))
        {
            throw new ShapeMismatchException($"Concat inputs must share a dtype; got {string.Join(", ", inputs)}.");
        }
        return [inputs[0] with { Shape = ShapeRules.Infer(Kind, () => Concat.OutputShape(inputs.Select(t => t.Shape).ToArray(), Axis)) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => Concat.Run(inputs, Axis, outputs[0]);
}
