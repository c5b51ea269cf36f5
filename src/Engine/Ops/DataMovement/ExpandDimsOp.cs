using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>Inserts size-1 axes at <see cref="Axes"/> (positions in the output; negative count from its end).</summary>
public sealed class ExpandDimsOp(int[] axes) : IOperator
{
    public int[] Axes { get; } = axes;

    public string Kind => "ExpandDims";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        return [inputs[0] with { Shape = ShapeRules.Infer(Kind, () => ShapeTransforms.ExpandDims(inputs[0].Shape, Axes)) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => inputs[0].Bytes.CopyTo(outputs[0].Bytes);
}
