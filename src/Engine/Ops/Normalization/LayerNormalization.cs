using Parity.Engine.Graph;
using Parity.Engine.Kernels.Normalization;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Normalization;

/// <summary>
/// Layer normalization over adjacent <see cref="Axes"/> (Keras default [-1]); optional γ, β hold one value per
/// normalized position (the product of the normalized dims, in row-major order).
/// </summary>
public sealed class LayerNormalization(IReadOnlyList<int> axes, Tensor? gamma, Tensor? beta, float epsilon, EpsilonPlacement placement = EpsilonPlacement.AddToVariance) : IOperator
{
    public IReadOnlyList<int> Axes { get; } = axes;

    public Tensor? Gamma { get; } = gamma;

    public Tensor? Beta { get; } = beta;

    public float Epsilon { get; } = epsilon;

    public EpsilonPlacement Placement { get; } = placement;

    public string Kind => "LayerNormalization";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1) throw new ShapeMismatchException($"{Kind} takes one input, got {inputs.Count}.");
        var input = inputs[0];
        if (input.DType != DType.Float32) throw new ShapeMismatchException($"{Kind} expects a float32 input, got {input}.");
        var normalized = 1;
        foreach (var axis in Axes)
        {
            if (axis < -input.Shape.Rank || axis >= input.Shape.Rank) throw new ShapeMismatchException($"{Kind}: axis {axis} is out of range for {input}.");
            normalized *= input.Shape[axis < 0 ? axis + input.Shape.Rank : axis];
        }
        foreach (var (constant, name) in new[] { (Gamma, "gamma"), (Beta, "beta") })
        {
            if (constant is not null && (constant.DType != DType.Float32 || constant.Length != normalized))
            {
                throw new ShapeMismatchException($"{Kind}: {name} is {constant.Type} but axes [{string.Join(", ", Axes)}] of {input} hold {normalized} values per sample.");
            }
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
        LayerNorm.Run(inputs[0].Floats, inputs[0].Shape.Dims, [.. Axes], Gamma is null ? [] : Gamma.Floats, Beta is null ? [] : Beta.Floats,
            Epsilon, Placement, outputs[0].Floats);
}
