using Parity.Engine.Tensors;

namespace Parity.Engine.Graph;

/// <summary>
/// One operation of a graph: its attributes and constant tensors are fields of the implementing type;
/// the executor hands it input values and pre-allocated outputs of the types it inferred.
/// </summary>
public interface IOperator
{
    /// <summary>Short op name shown in errors and reports, e.g. "Conv2D".</summary>
    string Kind { get; }

    /// <summary>Output dtypes and shapes for these input types; throws <see cref="ShapeMismatchException"/> when they do not fit.</summary>
    IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs);

    /// <summary>Computes the outputs; each output tensor already has the inferred type and must be fully overwritten.</summary>
    void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs);
}
