using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>
/// numpy.take_along_axis (MIL gather_along_axis, ONNX GatherElements): output[i] = input[i with axis <see cref="Axis"/>
/// replaced by indices[i]]. Input 0 is float32, input 1 int32 indices of the same rank (negative ones count from the
/// end); the output takes the indices' shape, which may differ from the input's only on the axis.
/// </summary>
public sealed class GatherAlongAxisOp(int axis) : IOperator
{
    public int Axis { get; } = axis;

    public string Kind => "GatherAlongAxis";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 2);
        var (data, indices) = (inputs[0], inputs[1]);
        if (data.DType != DType.Float32 || indices.DType != DType.Int32)
        {
            throw new ShapeMismatchException($"{Kind} takes float32 data and int32 indices; got {data} and {indices}.");
        }
        var rank = data.Shape.Rank;
        if (Axis < -rank || Axis >= rank) throw new ShapeMismatchException($"{Kind}: axis {Axis} is out of range for {data}.");
        var a = Axis < 0 ? Axis + rank : Axis;
        var fits = indices.Shape.Rank == rank && Enumerable.Range(0, rank).All(i => i == a || indices.Shape[i] == data.Shape[i]);
        if (!fits) throw new ShapeMismatchException($"{Kind}: indices {indices.Shape} must have the rank of data {data.Shape} and its sizes off axis {Axis}.");
        return [new TensorType(DType.Float32, indices.Shape)];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var data = inputs[0];
        var indices = inputs[1].Span<int>();
        var output = outputs[0].Floats;
        var source = data.Floats;
        var rank = data.Shape.Rank;
        var a = Axis < 0 ? Axis + rank : Axis;
        var n = data.Shape[a];
        var inner = data.Shape.Product(a + 1, rank);
        var taken = inputs[1].Shape[a];
        for (var i = 0; i < output.Length; i++)
        {
            var outer = i / (taken * inner);
            var within = i % inner;
            var index = indices[i];
            if (index < -n || index >= n) throw new ArgumentException($"{Kind}: index {index} at flat position {i} is outside [-{n}, {n}) on axis {Axis} of {data.Shape}.");
            if (index < 0) index += n;
            output[i] = source[(outer * n + index) * inner + within];
        }
    }
}
