using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>How <see cref="ScatterOp"/> addresses the container with its int64 indices.</summary>
public enum ScatterAddressing
{
    /// <summary>The inverse of numpy.take along Axis: updates are container.shape[:axis] + indices.shape + container.shape[axis+1:].</summary>
    Take,

    /// <summary>The inverse of numpy.take_along_axis: indices and updates share one shape, equal to the container's off Axis.</summary>
    AlongAxis,

    /// <summary>The inverse of gather_nd: index rows [.., K] address the first K axes; updates are indices.shape[:-1] + container.shape[K:].</summary>
    NDimensional,
}

/// <summary>How an update combines with the value already at its target (updates apply in row-major order of the updates).</summary>
public enum ScatterCombine
{
    Replace,
    Add,
    Subtract,
    Multiply,
    Divide,
    Maximum,
    Minimum,
}

/// <summary>
/// Copies a float32 container (input 0) and writes the updates (input 2) into it at the int64 indices (input 1), combined
/// with what is there by <see cref="Combine"/>. Negative indices count from the end; others outside the axis are an error.
/// </summary>
public sealed class ScatterOp(ScatterAddressing addressing, int axis, ScatterCombine combine) : IOperator
{
    public ScatterAddressing Addressing { get; } = addressing;

    public int Axis { get; } = axis;

    public ScatterCombine Combine { get; } = combine;

    public string Kind => $"Scatter{(Addressing == ScatterAddressing.Take ? "" : Addressing.ToString())}{Combine}";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 3);
        var (container, indices, updates) = (inputs[0].Shape, inputs[1].Shape, inputs[2].Shape);
        if (inputs[0].DType != DType.Float32 || inputs[1].DType != DType.Int64 || inputs[2].DType != DType.Float32)
        {
            throw new ShapeMismatchException($"{Kind} takes a float32 container, int64 indices and float32 updates; got {string.Join(", ", inputs)}.");
        }
        var expected = ExpectedUpdates(container, indices);
        if (expected != updates) throw new ShapeMismatchException($"{Kind}: updates have shape {updates}; container {container} with indices {indices} needs {expected}.");
        return [inputs[0]];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var container = inputs[0].Shape;
        ReadOnlySpan<long> indices = inputs[1].Span<long>();
        ReadOnlySpan<float> updates = inputs[2].Floats;
        var y = outputs[0].Floats;
        inputs[0].Floats.CopyTo(y);
        switch (Addressing)
        {
            case ScatterAddressing.Take:
            {
                var (outer, n, inner, a) = Around(container);
                var count = indices.Length;
                for (var o = 0; o < outer; o++)
                {
                    for (var k = 0; k < count; k++)
                    {
                        var row = Normalize(indices[k], n, a);
                        for (var i = 0; i < inner; i++) Apply(y, (o * n + row) * inner + i, updates[(o * count + k) * inner + i]);
                    }
                }
                break;
            }
            case ScatterAddressing.AlongAxis:
            {
                var (outer, n, inner, a) = Around(container);
                var picks = inputs[1].Shape[a];
                for (var o = 0; o < outer; o++)
                {
                    for (var j = 0; j < picks; j++)
                    {
                        for (var i = 0; i < inner; i++)
                        {
                            var source = (o * picks + j) * inner + i;
                            Apply(y, (o * n + Normalize(indices[source], n, a)) * inner + i, updates[source]);
                        }
                    }
                }
                break;
            }
            default:
            {
                var depth = inputs[1].Shape[^1];
                var slice = container.Product(depth, container.Rank);
                var strides = container.Strides();
                for (var p = 0; p < indices.Length / depth; p++)
                {
                    var offset = 0;
                    for (var d = 0; d < depth; d++) offset += Normalize(indices[p * depth + d], container[d], d) * strides[d];
                    for (var s = 0; s < slice; s++) Apply(y, offset + s, updates[p * slice + s]);
                }
                break;
            }
        }
    }

    private Shape ExpectedUpdates(Shape container, Shape indices)
    {
        if (Addressing == ScatterAddressing.NDimensional)
        {
            if (indices.Rank < 1 || indices[^1] < 1 || indices[^1] > container.Rank)
            {
                throw new ShapeMismatchException($"{Kind}: indices {indices} must end in a size from 1 to the rank of the container {container}.");
            }
            return new Shape([.. indices.Dims[..^1], .. container.Dims[indices[^1]..]]);
        }
        var (_, _, _, a) = Around(container);
        if (Addressing == ScatterAddressing.Take) return new Shape([.. container.Dims[..a], .. indices.Dims, .. container.Dims[(a + 1)..]]);
        if (indices.Rank != container.Rank || Enumerable.Range(0, container.Rank).Any(d => d != a && indices[d] != container[d]))
        {
            throw new ShapeMismatchException($"{Kind}: indices {indices} must have the rank of the container {container} and match it on every axis but {Axis}.");
        }
        return indices;
    }

    private (int Outer, int Length, int Inner, int Axis) Around(Shape shape)
    {
        var a = Axis < 0 ? Axis + shape.Rank : Axis;
        if (a < 0 || a >= shape.Rank) throw new ShapeMismatchException($"{Kind}: axis {Axis} is out of range for the container {shape}.");
        return (shape.Product(0, a), shape[a], shape.Product(a + 1, shape.Rank), a);
    }

    private int Normalize(long index, int size, int axis)
    {
        if (index < -size || index >= size) throw new ArgumentException($"{Kind}: index {index} is outside [-{size}, {size}) on axis {axis}.");
        return (int)(index < 0 ? index + size : index);
    }

    private void Apply(Span<float> y, int target, float update) => y[target] = Combine switch
    {
        ScatterCombine.Replace => update,
        ScatterCombine.Add => y[target] + update,
        ScatterCombine.Subtract => y[target] - update,
        ScatterCombine.Multiply => y[target] * update,
        ScatterCombine.Divide => y[target] / update,
        ScatterCombine.Maximum => MathF.Max(y[target], update),
        _ => MathF.Min(y[target], update),
    };
}
