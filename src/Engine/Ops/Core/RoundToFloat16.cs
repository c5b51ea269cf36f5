using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Core;

/// <summary>
/// Rounds float32 values to the nearest half and keeps them as float32: a cast to fp16 in a graph that carries every
/// float as float32 (Core ML ML Programs cast their fp32 inputs to fp16 this way).
/// </summary>
public sealed class RoundToFloat16 : IOperator
{
    public string Kind => "RoundToFloat16";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1 || inputs[0].DType != DType.Float32)
        {
            throw new ShapeMismatchException($"RoundToFloat16 takes 1 float32 input, but was given {string.Join(", ", inputs)}.");
        }
        return [inputs[0]];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => Float16Rounding.Round(inputs[0].Floats, outputs[0].Floats);
}
