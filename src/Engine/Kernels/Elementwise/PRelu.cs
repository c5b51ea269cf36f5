using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>Parametric ReLU: output = x if x &gt;= 0 else alpha * x, with alpha broadcast against the input. Exact.</summary>
public static class PRelu
{
    /// <summary>
    /// Alpha of any shape that broadcasts to the input's shape without growing it (Keras' shared axes give alpha
    /// size 1 on those axes). Output may be the input itself.
    /// </summary>
    public static void Apply(ReadOnlySpan<float> input, Shape inputShape, ReadOnlySpan<float> alpha, Shape alphaShape, Span<float> output)
    {
        var result = Broadcasting.ResultShape(inputShape, alphaShape);
        if (result != inputShape)
        {
            throw new ArgumentException($"PReLU alpha of shape {alphaShape} would broadcast input {inputShape} to {result}; alpha must broadcast to the input's shape.", nameof(alphaShape));
        }
        Binary.Broadcast(new PReluOperator(), input, inputShape, alpha, alphaShape, output);
    }

    /// <summary>One alpha per channel: channels are the last axis for NHWC and axis 1 for NCHW.</summary>
    public static void ApplyPerChannel(ReadOnlySpan<float> input, Shape inputShape, ReadOnlySpan<float> alpha, Layout layout, Span<float> output)
    {
        if (inputShape.Rank < 2)
        {
            throw new ArgumentException($"Per-channel PReLU needs an input of rank >= 2 (batch and channels); got {inputShape}.", nameof(inputShape));
        }
        var channelAxis = layout == Layout.Nhwc ? inputShape.Rank - 1 : 1;
        var channels = inputShape[channelAxis];
        if (alpha.Length != channels)
        {
            throw new ArgumentException($"Per-channel PReLU over {inputShape} ({layout}) needs {channels} alphas; got {alpha.Length}.", nameof(alpha));
        }
        // Alpha as [C] for NHWC, [C, 1, ..., 1] for NCHW: right-aligned broadcasting then puts C on the channel axis.
        var alphaDims = new int[inputShape.Rank - channelAxis];
        Array.Fill(alphaDims, 1);
        alphaDims[0] = channels;
        Binary.Broadcast(new PReluOperator(), input, inputShape, alpha, new Shape(alphaDims), output);
    }
}
