using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>Removes the size-1 <see cref="Axes"/> (all size-1 axes when empty).</summary>
public sealed class SqueezeOp(int[] axes) : IOperator
{
    public int[] Axes { get; } = axes;

    public string Kind => "Squeeze";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        return [inputs[0] with { Shape = ShapeRules.Infer(Kind, () => ShapeTransforms.Squeeze(inputs[0].Shape, Axes)) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => inputs[0].Bytes.CopyTo(outputs[0].Bytes);
}
