using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Normalization;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Normalization;

/// <summary>
/// Instance normalization per sample and channel over the spatial axes. Core ML (batchnorm with
/// instanceNormalization) uses <see cref="EpsilonPlacement.AddToVariance"/>; keras_contrib's InstanceNormalization
/// uses <see cref="EpsilonPlacement.AddToStandardDeviation"/>.
/// </summary>
public sealed class InstanceNormalization(Layout layout, Tensor? gamma, Tensor? beta, float epsilon, EpsilonPlacement placement) : IOperator
{
    public Layout Layout { get; } = layout;

    public Tensor? Gamma { get; } = gamma;

    public Tensor? Beta { get; } = beta;

    public float Epsilon { get; } = epsilon;

    public EpsilonPlacement Placement { get; } = placement;

    public string Kind => "InstanceNormalization";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1) throw new ShapeMismatchException($"{Kind} takes one input, got {inputs.Count}.");
        var input = inputs[0];
        if (input.DType != DType.Float32 || input.Shape.Rank < 3)
        {
            throw new ShapeMismatchException($"{Kind} expects a float32 input of rank 3 or more (batch, channels, spatial axes), got {input}.");
        }
        var channels = Layout == Layout.Nchw ? input.Shape[1] : input.Shape[input.Shape.Rank - 1];
        foreach (var (constant, name) in new[] { (Gamma, "gamma"), (Beta, "beta") })
        {
            if (constant is not null && (constant.DType != DType.Float32 || constant.Length != channels))
            {
                throw new ShapeMismatchException($"{Kind}: {name} is {constant.Type} but {Layout} input {input} has {channels} channels; expected float32[{channels}].");
            }
        }
        return [input];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        InstanceNorm.Run(inputs[0].Floats, inputs[0].Shape.Dims, Layout, Gamma is null ? [] : Gamma.Floats, Beta is null ? [] : Beta.Floats,
            Epsilon, Placement, outputs[0].Floats);
}
