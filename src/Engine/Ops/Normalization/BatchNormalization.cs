using Parity.Engine.Graph;
using Parity.Engine.Kernels.Normalization;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Normalization;

/// <summary>
/// Inference batch normalization along <see cref="ChannelAxis"/> with stored statistics:
/// y = γ·(x - mean)/sqrt(var + ε) + β. Gamma and beta are optional (1 and 0).
/// </summary>
public sealed class BatchNormalization(int channelAxis, Tensor mean, Tensor variance, Tensor? gamma, Tensor? beta, float epsilon) : IOperator
{
    public int ChannelAxis { get; } = channelAxis;

    public Tensor Mean { get; } = mean;

    public Tensor Variance { get; } = variance;

    public Tensor? Gamma { get; } = gamma;

    public Tensor? Beta { get; } = beta;

    public float Epsilon { get; } = epsilon;

    public string Kind => "BatchNormalization";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1) throw new ShapeMismatchException($"{Kind} takes one input, got {inputs.Count}.");
        var input = inputs[0];
        if (input.DType != DType.Float32) throw new ShapeMismatchException($"{Kind} expects a float32 input, got {input}.");
        if (ChannelAxis < -input.Shape.Rank || ChannelAxis >= input.Shape.Rank)
        {
            throw new ShapeMismatchException($"{Kind}: channel axis {ChannelAxis} is out of range for {input}.");
        }
        var channels = input.Shape[ChannelAxis < 0 ? ChannelAxis + input.Shape.Rank : ChannelAxis];
        CheckConstant(Mean, "mean", channels, input);
        CheckConstant(Variance, "variance", channels, input);
        if (Gamma is not null) CheckConstant(Gamma, "gamma", channels, input);
        if (Beta is not null) CheckConstant(Beta, "beta", channels, input);
        return [input];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        BatchNorm.Run(inputs[0].Floats, inputs[0].Shape.Dims, ChannelAxis, Mean.Floats, Variance.Floats,
            Gamma is null ? [] : Gamma.Floats, Beta is null ? [] : Beta.Floats, Epsilon, outputs[0].Floats);

    private void CheckConstant(Tensor constant, string name, int channels, TensorType input)
    {
        if (constant.DType != DType.Float32 || constant.Length != channels)
        {
            throw new ShapeMismatchException($"{Kind}: {name} is {constant.Type} but input {input} has {channels} channels on axis {ChannelAxis}; expected float32[{channels}].");
        }
    }
}
