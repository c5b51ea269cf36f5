using Parity.Engine.Graph;
using Parity.Engine.Kernels.Reductions;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Reduction;

/// <summary>Reduces a float32 tensor over some axes (null: all of them) with one <see cref="ReductionKind"/>, keeping the reduced axes as size 1 or dropping them.</summary>
public sealed class Reduce(ReductionKind reduction, IReadOnlyList<int>? axes, bool keepDims) : IOperator
{
    public ReductionKind Reduction { get; } = reduction;

    /// <summary>
    /// The reduced axes (negative count from the end); null reduces every axis, an empty list none (each output then
    /// sees one element; ONNX's default "empty means all" is the reader's to translate into null).
    /// </summary>
    public IReadOnlyList<int>? Axes { get; } = axes;

    public bool KeepDims { get; } = keepDims;

    public string Kind => "Reduce" + Reduction;

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        var input = SingleFloatInput(inputs);
        if (Reduction is ReductionKind.Max or ReductionKind.Min && input.Shape.ElementCount == 0)
        {
            var reducedEmpty = AxesFor(input.Shape.Rank).Any(a => a >= -input.Shape.Rank && a < input.Shape.Rank && input.Shape[a < 0 ? a + input.Shape.Rank : a] == 0);
            if (reducedEmpty) throw new ShapeMismatchException($"{Kind} of {input} reduces a zero-sized axis; a maximum or minimum of nothing is undefined.");
        }
        try
        {
            return [new TensorType(DType.Float32, new Shape(Kernels.Reductions.Reduction.OutputShape(input.Shape.Dims, AxesFor(input.Shape.Rank), KeepDims)))];
        }
        catch (ArgumentException ex)
        {
            throw new ShapeMismatchException($"{Kind}: cannot reduce axes [{string.Join(", ", AxesFor(input.Shape.Rank))}] of {input}: {ex.Message}");
        }
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        Kernels.Reductions.Reduction.Reduce(Reduction, inputs[0].Floats, inputs[0].Shape.Dims, AxesFor(inputs[0].Rank), outputs[0].Floats);

    private int[] AxesFor(int rank) => Axes is null ? [.. Enumerable.Range(0, rank)] : [.. Axes];

    private TensorType SingleFloatInput(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1) throw new ShapeMismatchException($"{Kind} takes one input, got {inputs.Count}.");
        if (inputs[0].DType != DType.Float32) throw new ShapeMismatchException($"{Kind} expects a float32 input, got {inputs[0]}.");
        return inputs[0];
    }
}
