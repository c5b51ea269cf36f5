using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Reduction;

/// <summary>int64 positions that sort a float32 tensor along <see cref="Axis"/> (numpy.argsort, stable); NaN sorts above every number.</summary>
public sealed class ArgSort(int axis, bool descending) : IOperator
{
    public int Axis { get; } = axis;

    public bool Descending { get; } = descending;

    public string Kind => "ArgSort";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1) throw new ShapeMismatchException($"{Kind} takes one input, got {inputs.Count}.");
        if (inputs[0].DType != DType.Float32) throw new ShapeMismatchException($"{Kind} expects a float32 input, got {inputs[0]}.");
        AxisLayout.Resolve(Kind, inputs[0].Shape, Axis);
        return [new TensorType(DType.Int64, inputs[0].Shape)];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var (outer, length, inner) = AxisLayout.Resolve(Kind, inputs[0].Shape, Axis);
        ReadOnlySpan<float> x = inputs[0].Floats;
        var indices = outputs[0].Span<long>();
        var order = new int[length];
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                AxisOrder.Sort(x, o * length * inner + i, inner, order, Descending);
                for (var j = 0; j < length; j++) indices[(o * length + j) * inner + i] = order[j];
            }
        }
    }
}
