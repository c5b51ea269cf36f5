using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Reduction;

/// <summary>ArgMax or ArgMin along one axis of a float32 tensor: int64 indices, first index on ties (NumPy, ONNX, TensorFlow).</summary>
public sealed class ArgReduce(bool max, int axis, bool keepDims) : IOperator
{
    /// <summary>True for ArgMax, false for ArgMin.</summary>
    public bool Max { get; } = max;

    public int Axis { get; } = axis;

    public bool KeepDims { get; } = keepDims;

    public string Kind => Max ? "ArgMax" : "ArgMin";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1) throw new ShapeMismatchException($"{Kind} takes one input, got {inputs.Count}.");
        var input = inputs[0];
        if (input.DType != DType.Float32) throw new ShapeMismatchException($"{Kind} expects a float32 input, got {input}.");
        if (Axis < -input.Shape.Rank || Axis >= input.Shape.Rank)
        {
            throw new ShapeMismatchException($"{Kind}: axis {Axis} is out of range for {input}; expected -{input.Shape.Rank}..{input.Shape.Rank - 1}.");
        }
        var a = Axis < 0 ? Axis + input.Shape.Rank : Axis;
        if (input.Shape[a] == 0) throw new ShapeMismatchException($"{Kind}: axis {Axis} of {input} is empty; there is no index to return.");
        return [new TensorType(DType.Int64, new Shape(Kernels.Reductions.Reduction.OutputShape(input.Shape.Dims, [Axis], KeepDims)))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var x = inputs[0];
        var indices = outputs[0].Span<long>();
        if (Max) Kernels.Reductions.Reduction.ArgMax(x.Floats, x.Shape.Dims, Axis, indices);
        else Kernels.Reductions.Reduction.ArgMin(x.Floats, x.Shape.Dims, Axis, indices);
    }
}
