using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>
/// numpy.take_along_axis(data, indices, axis) on float32 data with int32 or int64 indices of the same rank: the output has the
/// indices' shape and output[.., j, ..] = data[.., indices[.., j, ..], ..] along <see cref="Axis"/>; the other axes of
/// data and indices must match. Negative indices count from the end.
/// </summary>
public sealed class GatherAlongAxisOp(int axis) : IOperator
{
    public int Axis { get; } = axis;

    public string Kind => "GatherAlongAxis";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 2);
        var (data, indices) = (inputs[0], inputs[1]);
        if (data.DType != DType.Float32 || indices.DType is not (DType.Int64 or DType.Int32)) throw new ShapeMismatchException($"{Kind} takes float32 data and int32 or int64 indices; got {data} and {indices}.");
        var a = Axis < 0 ? Axis + data.Shape.Rank : Axis;
        if (a < 0 || a >= data.Shape.Rank) throw new ShapeMismatchException($"{Kind}: axis {Axis} is out of range for {data}.");
        if (indices.Shape.Rank != data.Shape.Rank || Enumerable.Range(0, data.Shape.Rank).Any(d => d != a && data.Shape[d] != indices.Shape[d]))
        {
            throw new ShapeMismatchException($"{Kind}: indices {indices.Shape} must have the rank of data {data.Shape} and match it on every axis but {Axis}.");
        }
        return [new TensorType(DType.Float32, indices.Shape)];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var data = inputs[0];
        var a = Axis < 0 ? Axis + data.Rank : Axis;
        var (outer, length, inner) = (data.Shape.Product(0, a), data.Shape[a], data.Shape.Product(a + 1, data.Rank));
        var picks = inputs[1].Shape[a];
        ReadOnlySpan<float> x = data.Floats;
        var wide = inputs[1].DType == DType.Int64;
        ReadOnlySpan<long> indices64 = wide ? inputs[1].Span<long>() : [];
        ReadOnlySpan<int> indices32 = wide ? [] : inputs[1].Span<int>();
        var y = outputs[0].Floats;
        for (var o = 0; o < outer; o++)
        {
            for (var j = 0; j < picks; j++)
            {
                for (var i = 0; i < inner; i++)
                {
                    var target = (o * picks + j) * inner + i;
                    var index = wide ? indices64[target] : indices32[target];
                    if (index < -length || index >= length) throw new ArgumentException($"{Kind}: index {index} at flat position {target} is outside [-{length}, {length}).");
                    if (index < 0) index += length;
                    y[target] = x[(o * length + (int)index) * inner + i];
                }
            }
        }
    }
}
