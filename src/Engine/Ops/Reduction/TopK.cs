using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Reduction;

/// <summary>
/// The <see cref="K"/> largest (or, with <see cref="Smallest"/>, smallest) float32 values along <see cref="Axis"/> in
/// that order, and their int64 indices; equal values keep their original order (a stable sort), NaN ranks above
/// every number.
/// </summary>
public sealed class TopK(int axis, int k, bool smallest) : IOperator
{
    public int Axis { get; } = axis;

    public int K { get; } = k;

    public bool Smallest { get; } = smallest;

    public string Kind => Smallest ? "BottomK" : "TopK";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1) throw new ShapeMismatchException($"{Kind} takes one input, got {inputs.Count}.");
        if (inputs[0].DType != DType.Float32) throw new ShapeMismatchException($"{Kind} expects a float32 input, got {inputs[0]}.");
        var (_, length, _) = AxisLayout.Resolve(Kind, inputs[0].Shape, Axis);
        if (K < 1 || K > length) throw new ShapeMismatchException($"{Kind}: k = {K} does not fit axis {Axis} of {inputs[0]}; expected 1..{length}.");
        var shape = inputs[0].Shape.WithDim(Axis, K);
        return [new TensorType(DType.Float32, shape), new TensorType(DType.Int64, shape)];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var (outer, length, inner) = AxisLayout.Resolve(Kind, inputs[0].Shape, Axis);
        ReadOnlySpan<float> x = inputs[0].Floats;
        var values = outputs[0].Floats;
        var indices = outputs[1].Span<long>();
        var order = new int[length];
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                AxisOrder.Sort(x, (o * length) * inner + i, inner, order, descending: !Smallest);
                for (var j = 0; j < K; j++)
                {
                    var target = (o * K + j) * inner + i;
                    values[target] = x[(o * length + order[j]) * inner + i];
                    indices[target] = order[j];
                }
            }
        }
    }
}
