using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Sorting;

/// <summary>
/// The <see cref="K"/> largest (or, when <see cref="Ascending"/>, smallest) float32 values along <see cref="Axis"/>, in
/// sorted order, and their int32 positions. Ties keep the lower position first (a stable sort), so argsort is the case
/// K = the axis size. NaN counts as larger than every number.
/// </summary>
public sealed class TopK(int axis, int k, bool ascending) : IOperator
{
    public int Axis { get; } = axis;

    public int K { get; } = k >= 1 ? k : throw new ArgumentException($"TopK needs k >= 1, got {k}.", nameof(k));

    public bool Ascending { get; } = ascending;

    public string Kind => "TopK";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1 || inputs[0].DType != DType.Float32) throw new ShapeMismatchException($"{Kind} takes one float32 input, got {string.Join(", ", inputs)}.");
        var shape = inputs[0].Shape;
        if (Axis < -shape.Rank || Axis >= shape.Rank) throw new ShapeMismatchException($"{Kind}: axis {Axis} is out of range for {shape}.");
        var a = Axis < 0 ? Axis + shape.Rank : Axis;
        if (K > shape[a]) throw new ShapeMismatchException($"{Kind}: k = {K} exceeds the {shape[a]} elements on axis {Axis} of {shape}.");
        var dims = shape.ToArray();
        dims[a] = K;
        return [new TensorType(DType.Float32, new Shape(dims)), new TensorType(DType.Int32, new Shape(dims))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var shape = inputs[0].Shape;
        var a = Axis < 0 ? Axis + shape.Rank : Axis;
        var n = shape[a];
        var inner = shape.Product(a + 1, shape.Rank);
        var outer = shape.Product(0, a);
        var source = inputs[0].Floats;
        var values = outputs[0].Floats;
        var indices = outputs[1].Span<int>();
        var order = new int[n];
        var slice = new float[n];
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                for (var j = 0; j < n; j++) (slice[j], order[j]) = (source[(o * n + j) * inner + i], j);
                Array.Sort(order, (p, q) => Compare(slice, p, q));
                for (var j = 0; j < K; j++)
                {
                    var at = (o * K + j) * inner + i;
                    values[at] = slice[order[j]];
                    indices[at] = order[j];
                }
            }
        }
    }

    /// <summary>Orders positions by value (descending unless ascending), NaN largest, then by position so the sort is stable.</summary>
    private int Compare(float[] slice, int p, int q)
    {
        var byValue = slice[p].CompareTo(slice[q]);
        if (!Ascending) byValue = -byValue;
        return byValue != 0 ? byValue : p.CompareTo(q);
    }
}
