using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Elementwise;

/// <summary>Input-count and dtype checks shared by the element-wise and activation ops.</summary>
internal static class OperandChecks
{
    /// <summary>Throws unless there are <paramref name="count"/> inputs, all float32.</summary>
    public static void Float32Inputs(string op, IReadOnlyList<TensorType> inputs, int count)
    {
        if (inputs.Count != count)
        {
            throw new ShapeMismatchException($"{op} takes {count} input{(count == 1 ? "" : "s")}, but {inputs.Count} were given.");
        }
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].DType != DType.Float32)
            {
                throw new ShapeMismatchException($"{op} input {i} is {inputs[i]}; expected float32.");
            }
        }
    }

    /// <summary>The broadcast shape of two inputs, or a <see cref="ShapeMismatchException"/> naming both.</summary>
    public static Shape BroadcastShape(string op, Shape left, Shape right)
    {
        if (!Kernels.Elementwise.Broadcasting.AreCompatible(left, right))
        {
            throw new ShapeMismatchException($"{op} inputs of shapes {left} and {right} do not broadcast: each axis pair, aligned on the right, must be equal or contain a 1.");
        }
        return Kernels.Elementwise.Broadcasting.ResultShape(left, right);
    }
}
