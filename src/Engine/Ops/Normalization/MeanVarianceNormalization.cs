using Parity.Engine.Graph;
using Parity.Engine.Kernels.Normalization;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Normalization;

/// <summary>Core ML MVN on [..., C, H, W]: mean subtraction per channel plane (or across C, H, W), optionally divided by the spread.</summary>
public sealed class MeanVarianceNormalization(bool acrossChannels, bool normalizeVariance, float epsilon, EpsilonPlacement placement) : IOperator
{
    public bool AcrossChannels { get; } = acrossChannels;

    public bool NormalizeVariance { get; } = normalizeVariance;

    public float Epsilon { get; } = epsilon;

    public EpsilonPlacement Placement { get; } = placement;

    public string Kind => "MeanVarianceNormalization";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1) throw new ShapeMismatchException($"{Kind} takes one input, got {inputs.Count}.");
        var input = inputs[0];
        if (input.DType != DType.Float32 || input.Shape.Rank < 3)
        {
            throw new ShapeMismatchException($"{Kind} expects a float32 input of rank 3 or more ([..., C, H, W]), got {input}.");
        }
        return [input];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        Mvn.Run(inputs[0].Floats, inputs[0].Shape.Dims, AcrossChannels, NormalizeVariance, Epsilon, Placement, outputs[0].Floats);
}
