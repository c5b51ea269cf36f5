using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Elementwise;

/// <summary>
/// Picks, element-wise, input 1 where the bool input 0 is true and input 2 where it is false, all three broadcast
/// together NumPy-style (numpy.where, MIL select, ONNX Where). Values are float32; no arithmetic, so NaN and infinities
/// pass through unchanged.
/// </summary>
public sealed class Select : IOperator
{
    public string Kind => "Select";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 3) throw new ShapeMismatchException($"{Kind} takes 3 inputs (condition, a, b), but {inputs.Count} were given.");
        if (inputs[0].DType != DType.Bool) throw new ShapeMismatchException($"{Kind} condition is {inputs[0]}; expected bool.");
        if (inputs[1].DType != DType.Float32 || inputs[2].DType != DType.Float32)
        {
            throw new ShapeMismatchException($"{Kind} values are {inputs[1]} and {inputs[2]}; expected float32.");
        }
        var values = OperandChecks.BroadcastShape(Kind, inputs[1].Shape, inputs[2].Shape);
        return [new TensorType(DType.Float32, OperandChecks.BroadcastShape(Kind, inputs[0].Shape, values))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var output = outputs[0];
        var shape = output.Shape;
        var condition = inputs[0].Bytes;
        var a = inputs[1].Floats;
        var b = inputs[2].Floats;
        var strides = inputs.Select(t => BroadcastStrides(t.Shape, shape)).ToArray();
        var result = output.Floats;
        var index = new int[shape.Rank];
        for (var i = 0; i < result.Length; i++)
        {
            int c = 0, x = 0, y = 0;
            for (var axis = 0; axis < index.Length; axis++)
            {
                c += index[axis] * strides[0][axis];
                x += index[axis] * strides[1][axis];
                y += index[axis] * strides[2][axis];
            }
            result[i] = condition[c] != 0 ? a[x] : b[y];
            for (var axis = index.Length - 1; axis >= 0 && ++index[axis] == shape[axis]; axis--) index[axis] = 0;
        }
    }

    /// <summary>Row-major strides of <paramref name="input"/> aligned on the right to <paramref name="output"/>, 0 on broadcast axes.</summary>
    private static int[] BroadcastStrides(Shape input, Shape output)
    {
        var strides = new int[output.Rank];
        var stride = 1;
        for (var k = 1; k <= input.Rank; k++)
        {
            var size = input[input.Rank - k];
            strides[output.Rank - k] = size == 1 ? 0 : stride;
            stride *= size;
        }
        return strides;
    }
}
