using Parity.Engine.Graph;
using Parity.Engine.Kernels.Normalization;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Normalization;

/// <summary>
/// Divides each slice over adjacent <see cref="Axes"/> by its L2 norm. Core ML l2normalize works on the last three
/// axes with <see cref="L2NormEpsilon.AddToSumOfSquares"/>; Keras/TensorFlow use <see cref="L2NormEpsilon.FloorSumOfSquares"/>.
/// </summary>
public sealed class L2Normalization(IReadOnlyList<int> axes, float epsilon, L2NormEpsilon rule) : IOperator
{
    public IReadOnlyList<int> Axes { get; } = axes;

    public float Epsilon { get; } = epsilon;

    public L2NormEpsilon Rule { get; } = rule;

    public string Kind => "L2Normalization";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1) throw new ShapeMismatchException($"{Kind} takes one input, got {inputs.Count}.");
        var input = inputs[0];
        if (input.DType != DType.Float32) throw new ShapeMismatchException($"{Kind} expects a float32 input, got {input}.");
        foreach (var axis in Axes)
        {
            if (axis < -input.Shape.Rank || axis >= input.Shape.Rank) throw new ShapeMismatchException($"{Kind}: axis {axis} is out of range for {input}.");
        }
        try
        {
            Kernels.Reductions.ReductionPlan.SingleRun(input.Shape.Dims, [.. Axes], Kind);
        }
        catch (ArgumentException ex)
        {
            throw new ShapeMismatchException($"{Kind} cannot normalize {input}: {ex.Message}");
        }
        return [input];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        L2Normalize.Run(inputs[0].Floats, inputs[0].Shape.Dims, [.. Axes], Epsilon, Rule, outputs[0].Floats);
}
