using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>Flatten to 2-D at <see cref="Axis"/> (ONNX Flatten; Keras Flatten is axis 1 on its own channels-last data).</summary>
public sealed class FlattenOp(int axis = 1) : IOperator
{
    public int Axis { get; } = axis;

    public string Kind => "Flatten";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        return [inputs[0] with { Shape = ShapeRules.Infer(Kind, () => ShapeTransforms.Flatten(inputs[0].Shape, Axis)) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => inputs[0].Bytes.CopyTo(outputs[0].Bytes);
}
