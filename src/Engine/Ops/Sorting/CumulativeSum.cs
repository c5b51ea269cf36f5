using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Sorting;

/// <summary>
/// Running sums of a float32 tensor along <see cref="Axis"/> (numpy.cumsum, MIL cumsum, ONNX CumSum): <see cref="Exclusive"/>
/// leaves each element out of its own sum, <see cref="Reverse"/> sums from the end of the axis. Accumulates in double.
/// </summary>
public sealed class CumulativeSum(int axis, bool exclusive, bool reverse) : IOperator
{
    public int Axis { get; } = axis;

    public bool Exclusive { get; } = exclusive;

    public bool Reverse { get; } = reverse;

    public string Kind => "CumulativeSum";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1 || inputs[0].DType != DType.Float32) throw new ShapeMismatchException($"{Kind} takes one float32 input, got {string.Join(", ", inputs)}.");
        var rank = inputs[0].Shape.Rank;
        if (Axis < -rank || Axis >= rank) throw new ShapeMismatchException($"{Kind}: axis {Axis} is out of range for {inputs[0]}.");
        return [inputs[0]];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var shape = inputs[0].Shape;
        var a = Axis < 0 ? Axis + shape.Rank : Axis;
        var n = shape[a];
        var inner = shape.Product(a + 1, shape.Rank);
        var outer = shape.Product(0, a);
        var source = inputs[0].Floats;
        var target = outputs[0].Floats;
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var sum = 0.0;
                for (var step = 0; step < n; step++)
                {
                    var j = Reverse ? n - 1 - step : step;
                    var at = (o * n + j) * inner + i;
                    var value = source[at];
                    if (!Exclusive) sum += value;
                    target[at] = (float)sum;
                    if (Exclusive) sum += value;
                }
            }
        }
    }
}
