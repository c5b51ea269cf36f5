using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Core;

/// <summary>Copies its input: stands for layers that do nothing at inference (Dropout, InputLayer) so they still appear as values.</summary>
public sealed class Identity : IOperator
{
    public string Kind => "Identity";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1)
        {
            throw new ShapeMismatchException($"Identity takes 1 input, but {inputs.Count} were given.");
        }
        return [inputs[0]];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => inputs[0].Bytes.CopyTo(outputs[0].Bytes);
}
