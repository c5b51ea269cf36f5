using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>
/// TF gather_nd on float32 data with int64 indices [.., K]: each index row addresses the first K axes of data, and the
/// output is indices.shape[:-1] + data.shape[K:]. Negative indices count from the end of their axis.
/// </summary>
public sealed class GatherNDOp : IOperator
{
    public string Kind => "GatherND";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 2);
        var (data, indices) = (inputs[0], inputs[1]);
        if (data.DType != DType.Float32 || indices.DType != DType.Int64) throw new ShapeMismatchException($"{Kind} takes float32 data and int64 indices; got {data} and {indices}.");
        if (indices.Shape.Rank < 1 || indices.Shape[^1] < 1 || indices.Shape[^1] > data.Shape.Rank)
        {
            throw new ShapeMismatchException($"{Kind}: indices {indices.Shape} must end in a size from 1 to the rank of data {data.Shape}.");
        }
        var depth = indices.Shape[^1];
        int[] shape = [.. indices.Shape.Dims[..^1], .. data.Shape.Dims[depth..]];
        return [new TensorType(DType.Float32, new Shape(shape))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var data = inputs[0];
        var depth = inputs[1].Shape[^1];
        var points = inputs[1].Length / depth;
        var slice = data.Shape.Product(depth, data.Rank);
        var strides = data.Shape.Strides();
        ReadOnlySpan<float> x = data.Floats;
        ReadOnlySpan<long> indices = inputs[1].Span<long>();
        var y = outputs[0].Floats;
        for (var p = 0; p < points; p++)
        {
            var offset = 0;
            for (var d = 0; d < depth; d++)
            {
                var size = data.Shape[d];
                var index = indices[p * depth + d];
                if (index < -size || index >= size) throw new ArgumentException($"{Kind}: index {index} of point {p} is outside [-{size}, {size}) on axis {d}.");
                offset += (int)(index < 0 ? index + size : index) * strides[d];
            }
            x.Slice(offset, slice).CopyTo(y.Slice(p * slice, slice));
        }
    }
}
