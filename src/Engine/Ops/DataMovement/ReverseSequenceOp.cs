using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>
/// TF reverse_sequence on float32 data: for each index b along <see cref="BatchAxis"/>, the first lengths[b] (int64,
/// input 1) elements along <see cref="SequenceAxis"/> are reversed and the rest left in place.
/// </summary>
public sealed class ReverseSequenceOp(int batchAxis, int sequenceAxis) : IOperator
{
    public int BatchAxis { get; } = batchAxis;

    public int SequenceAxis { get; } = sequenceAxis;

    public string Kind => "ReverseSequence";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 2);
        var (data, lengths) = (inputs[0], inputs[1]);
        if (data.DType != DType.Float32 || lengths.DType != DType.Int64) throw new ShapeMismatchException($"{Kind} takes float32 data and int64 lengths; got {data} and {lengths}.");
        var (b, _) = Axes(data.Shape);
        if (lengths.Shape.Rank != 1 || lengths.Shape[0] != data.Shape[b])
        {
            throw new ShapeMismatchException($"{Kind}: lengths {lengths.Shape} must be one per batch entry, [{data.Shape[b]}], for data {data.Shape} with batch axis {BatchAxis}.");
        }
        return [data];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var shape = inputs[0].Shape;
        var (b, s) = Axes(shape);
        var strides = shape.Strides();
        ReadOnlySpan<float> x = inputs[0].Floats;
        ReadOnlySpan<long> lengths = inputs[1].Span<long>();
        var y = outputs[0].Floats;
        var size = shape[s];
        for (var i = 0; i < y.Length; i++)
        {
            var batch = i / strides[b] % shape[b];
            var step = i / strides[s] % size;
            var length = lengths[batch];
            if (length < 0 || length > size) throw new ArgumentException($"{Kind}: length {length} of batch entry {batch} is outside [0, {size}].");
            y[i] = step < length ? x[i + (int)(length - 1 - 2 * step) * strides[s]] : x[i];
        }
    }

    private (int Batch, int Sequence) Axes(Shape shape)
    {
        var b = BatchAxis < 0 ? BatchAxis + shape.Rank : BatchAxis;
        var s = SequenceAxis < 0 ? SequenceAxis + shape.Rank : SequenceAxis;
        if (b < 0 || s < 0 || b >= shape.Rank || s >= shape.Rank || b == s)
        {
            throw new ShapeMismatchException($"{Kind}: batch axis {BatchAxis} and sequence axis {SequenceAxis} must be two different axes of {shape}.");
        }
        return (b, s);
    }
}
