using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Reduction;

/// <summary>
/// Running sums of a float32 tensor along <see cref="Axis"/> (numpy.cumsum), accumulated in float32 in walk order;
/// <see cref="Exclusive"/> starts each run at 0 and leaves the last element out, <see cref="Reverse"/> walks from the end.
/// </summary>
public sealed class CumulativeSum(int axis, bool exclusive, bool reverse) : IOperator
{
    public int Axis { get; } = axis;

    public bool Exclusive { get; } = exclusive;

    public bool Reverse { get; } = reverse;

    public string Kind => "CumulativeSum";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1) throw new ShapeMismatchException($"{Kind} takes one input, got {inputs.Count}.");
        if (inputs[0].DType != DType.Float32) throw new ShapeMismatchException($"{Kind} expects a float32 input, got {inputs[0]}.");
        AxisLayout.Resolve(Kind, inputs[0].Shape, Axis);
        return [inputs[0]];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var (outer, length, inner) = AxisLayout.Resolve(Kind, inputs[0].Shape, Axis);
        ReadOnlySpan<float> x = inputs[0].Floats;
        var y = outputs[0].Floats;
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var sum = 0f;
                for (var step = 0; step < length; step++)
                {
                    var k = Reverse ? length - 1 - step : step;
                    var index = (o * length + k) * inner + i;
                    if (Exclusive)
                    {
                        y[index] = sum;
                        sum += x[index];
                    }
                    else
                    {
                        sum += x[index];
                        y[index] = sum;
                    }
                }
            }
        }
    }
}
