using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.ControlFlow;

/// <summary>How a scattered update combines with the value already at its position.</summary>
public enum ScatterCombine
{
    Update,
    Add,
    Subtract,
    Multiply,
    Divide,
    Maximum,
    Minimum,
}

/// <summary>
/// y = data, then for each index i (in order) the slice y[..., indices[i], ...] along <see cref="Axis"/> is combined
/// with updates[..., i, ...]; updates has shape data[:axis] + indices + data[axis+1:]. Converters lower writes into a
/// tensor list inside a while loop (a GRU's per-step outputs) to this, so it lives with the loop op.
/// </summary>
public sealed class ScatterOp(int axis, ScatterCombine combine) : IOperator
{
    public string Kind => "Scatter";

    public int Axis { get; } = axis;

    public ScatterCombine Combine { get; } = combine;

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 3) throw new ShapeMismatchException($"Scatter expects data, indices and updates; got {inputs.Count} inputs.");
        var (data, indices, updates) = (inputs[0].Shape, inputs[1].Shape, inputs[2].Shape);
        var axis = NormalizedAxis(data.Rank);
        int[] expected = [.. data.Dims[..axis], .. indices.Dims, .. data.Dims[(axis + 1)..]];
        if (updates.ElementCount != new Shape(expected).ElementCount)
        {
            throw new ShapeMismatchException($"Scatter updates are {updates}; data {data} with indices {indices} along axis {Axis} needs [{string.Join(", ", expected)}].");
        }
        if (inputs[0].DType != DType.Float32 || inputs[2].DType != DType.Float32) throw new ShapeMismatchException($"Scatter takes float32 data and updates; got {inputs[0]} and {inputs[2]}.");
        return [inputs[0]];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var data = inputs[0];
        using var indices = inputs[1].ToFloat32();
        var updates = inputs[2].Floats;
        var y = outputs[0].Floats;
        data.Floats.CopyTo(y);
        var axis = NormalizedAxis(data.Shape.Rank);
        var size = data.Shape[axis];
        var outer = new Shape(data.Shape.Dims[..axis].ToArray()).ElementCount;
        var inner = new Shape(data.Shape.Dims[(axis + 1)..].ToArray()).ElementCount;
        var count = indices.Length;
        for (var i = 0; i < count; i++)
        {
            var raw = indices.Floats[i];
            var index = (long)raw + (raw < 0 ? size : 0);
            if (raw != MathF.Floor(raw) || index < 0 || index >= size)
            {
                throw new ArgumentException($"Scatter index {indices.Floats[i]} at position {i} is not a whole number in [-{size}, {size}).", nameof(inputs));
            }
            for (var o = 0; o < outer; o++)
            {
                var target = y.Slice((int)((o * size + index) * inner), inner);
                var source = updates.Slice((o * count + i) * inner, inner);
                for (var k = 0; k < inner; k++) target[k] = Apply(target[k], source[k]);
            }
        }
    }

    private float Apply(float current, float update) => Combine switch
    {
        ScatterCombine.Update => update,
        ScatterCombine.Add => current + update,
        ScatterCombine.Subtract => current - update,
        ScatterCombine.Multiply => current * update,
        ScatterCombine.Divide => current / update,
        ScatterCombine.Maximum => MathF.Max(current, update),
        _ => MathF.Min(current, update),
    };

    private int NormalizedAxis(int rank)
    {
        var axis = Axis < 0 ? Axis + rank : Axis;
        if (axis < 0 || axis >= rank) throw new ShapeMismatchException($"Scatter axis {Axis} is outside a rank-{rank} tensor.");
        return axis;
    }
}
