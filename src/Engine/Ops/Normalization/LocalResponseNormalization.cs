using Parity.Engine.Graph;
using Parity.Engine.Kernels.Normalization;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Normalization;

/// <summary>Local response normalization across <see cref="ChannelAxis"/> (1 for Core ML's [N, C, H, W], -1 for TensorFlow's NHWC).</summary>
public sealed class LocalResponseNormalization(int channelAxis, LrnParameters parameters) : IOperator
{
    public int ChannelAxis { get; } = channelAxis;

    public LrnParameters Parameters { get; } = parameters;

    public string Kind => "LocalResponseNormalization";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1) throw new ShapeMismatchException($"{Kind} takes one input, got {inputs.Count}.");
        var input = inputs[0];
        if (input.DType != DType.Float32) throw new ShapeMismatchException($"{Kind} expects a float32 input, got {input}.");
        if (ChannelAxis < -input.Shape.Rank || ChannelAxis >= input.Shape.Rank)
        {
            throw new ShapeMismatchException($"{Kind}: channel axis {ChannelAxis} is out of range for {input}.");
        }
        return [input];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        Lrn.Run(inputs[0].Floats, inputs[0].Shape.Dims, ChannelAxis, Parameters, outputs[0].Floats);
}
