using Parity.Engine.Graph;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Elementwise;

/// <summary>
/// numpy.where(condition, x, y) (MIL select, Core ML whereBroadcastable) on float32 values with NumPy broadcasting of
/// all three. The condition is bool, or float32 where an element is true when it is not zero (NaN is true), as formats
/// without a bool type (Core ML NeuralNetwork) encode it.
/// </summary>
public sealed class Select : IOperator
{
    public string Kind => "Select";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 3) throw new ShapeMismatchException($"{Kind} takes 3 inputs (condition, x, y), but {inputs.Count} were given.");
        if (inputs[0].DType is not (DType.Bool or DType.Float32)) throw new ShapeMismatchException($"{Kind} condition is {inputs[0]}; expected bool or float32.");
        OperandChecks.Float32Inputs(Kind, inputs.Skip(1).ToList(), 2);
        var pair = OperandChecks.BroadcastShape(Kind, inputs[0].Shape, inputs[1].Shape);
        return [new TensorType(DType.Float32, OperandChecks.BroadcastShape(Kind, pair, inputs[2].Shape))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var output = outputs[0];
        var dims = output.Shape.ToArray();
        var rank = dims.Length;
        var strides = inputs.Select(t => BroadcastStrides(t.Shape, rank)).ToArray();
        ReadOnlySpan<float> x = inputs[1].Floats, y = inputs[2].Floats;
        var boolCondition = inputs[0].DType == DType.Bool;
        ReadOnlySpan<byte> flags = boolCondition ? inputs[0].Bytes : [];
        ReadOnlySpan<float> condition = boolCondition ? [] : inputs[0].Floats;
        var result = output.Floats;
        var index = new int[rank];
        int c = 0, a = 0, b = 0;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (boolCondition ? flags[c] != 0 : condition[c] != 0f) ? x[a] : y[b];
            // Odometer step over the output index, moving each operand's offset by its (possibly zero) stride.
            for (var axis = rank - 1; axis >= 0; axis--)
            {
                c += strides[0][axis];
                a += strides[1][axis];
                b += strides[2][axis];
                if (++index[axis] < dims[axis]) break;
                c -= strides[0][axis] * dims[axis];
                a -= strides[1][axis] * dims[axis];
                b -= strides[2][axis] * dims[axis];
                index[axis] = 0;
            }
        }
    }

    // Element strides of an operand over a rank-`rank` output; axes it lacks or holds once step 0.
    private static int[] BroadcastStrides(Shape shape, int rank)
    {
        var strides = new int[rank];
        var step = 1;
        for (var axis = rank - 1; axis >= 0; axis--)
        {
            var size = Broadcasting.AlignedDim(shape, axis, rank);
            strides[axis] = size == 1 ? 0 : step;
            step *= size;
        }
        return strides;
    }
}
