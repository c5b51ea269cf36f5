using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Convolution;

/// <summary>Checks shared by the convolution ops: constant weights and bias, and the float32 input of the right rank.</summary>
internal static class ConvOperands
{
    public static Tensor RequireWeights(Tensor weights, int rank, string layoutText)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.DType != DType.Float32 || weights.Rank != rank)
        {
            throw new ArgumentException($"Convolution weights must be a rank-{rank} float32 tensor {layoutText}; got {weights.Type}.", nameof(weights));
        }
        return weights;
    }

    public static Tensor? RequireBias(Tensor? bias, int outChannels)
    {
        if (bias is not null && (bias.DType != DType.Float32 || bias.Rank != 1 || bias.Shape[0] != outChannels))
        {
            throw new ArgumentException($"Convolution bias must be a float32 vector of {outChannels} values (one per output channel); got {bias.Type}.", nameof(bias));
        }
        return bias;
    }

    public static TensorType RequireInput(string kind, IReadOnlyList<TensorType> inputs, int rank, string layoutText)
    {
        if (inputs.Count != 1)
        {
            throw new ShapeMismatchException($"{kind} takes 1 input, but {inputs.Count} were given.");
        }
        var input = inputs[0];
        if (input.DType != DType.Float32 || input.Shape.Rank != rank)
        {
            throw new ShapeMismatchException($"{kind} expects a float32 rank-{rank} input {layoutText}, but got {input}.");
        }
        return input;
    }

    public static void RequireChannels(string kind, Shape input, int channels, Shape weights, int expectedPerGroup, int groups)
    {
        if (channels != expectedPerGroup * groups)
        {
            throw new ShapeMismatchException(
                $"{kind}: input {input} has {channels} channels, but weights {weights} with {groups} group(s) expect {expectedPerGroup * groups}.");
        }
    }

    public static void RequireOutputFits(string kind, Shape input, Shape weights, int outHeight, int outWidth)
    {
        if (outHeight < 1 || outWidth < 1)
        {
            throw new ShapeMismatchException(
                $"{kind}: input {input} with weights {weights} and these pads/strides/dilations gives an empty {outHeight}x{outWidth} output.");
        }
    }
}
