using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>Reshape to <see cref="TargetShape"/> (one -1 inferred; 0 copies the input dimension when <see cref="ZeroCopiesDimension"/>).</summary>
public sealed class ReshapeOp(int[] targetShape, bool zeroCopiesDimension = false) : IOperator
{
    public int[] TargetShape { get; } = targetShape;

    public bool ZeroCopiesDimension { get; } = zeroCopiesDimension;

    public string Kind => "Reshape";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        return [inputs[0] with { Shape = ShapeRules.Infer(Kind, () => ShapeTransforms.Reshape(inputs[0].Shape, TargetShape, ZeroCopiesDimension)) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => inputs[0].Bytes.CopyTo(outputs[0].Bytes);
}
