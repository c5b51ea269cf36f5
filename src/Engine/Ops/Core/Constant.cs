using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Core;

/// <summary>Produces a fixed tensor (weights, shape constants); takes no inputs. The op keeps using <see cref="Value"/>, so do not dispose it.</summary>
public sealed class Constant(Tensor value) : IOperator
{
    public Tensor Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    public string Kind => "Constant";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 0)
        {
            throw new ShapeMismatchException($"Constant takes no inputs, but {inputs.Count} were given.");
        }
        return [Value.Type];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => Value.Bytes.CopyTo(outputs[0].Bytes);
}
