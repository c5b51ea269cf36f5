using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>
/// Embedding lookup with a constant float32 [vocabulary, width] <see cref="Table"/>: float32 ids of any shape give
/// an output of shape ids.shape + [width] (Keras Embedding; Core ML EmbeddingND).
/// </summary>
public sealed class EmbeddingOp(Tensor table) : IOperator
{
    public Tensor Table { get; } = table.Rank == 2 && table.DType == DType.Float32
        ? table
        : throw new ArgumentException($"An embedding table must be float32 [vocabulary, width]; got {table.Type}.", nameof(table));

    public string Kind => "Embedding";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        if (inputs[0].DType != DType.Float32) throw new ShapeMismatchException($"Embedding ids must be float32; got {inputs[0]}.");
        return [new TensorType(DType.Float32, new Shape([.. inputs[0].Shape.Dims, Table.Shape[1]]))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        Gather.Embedding(Table.Floats, Table.Shape[0], Table.Shape[1], inputs[0].Floats, outputs[0].Floats);
}
