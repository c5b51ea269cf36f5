using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Tensors;

// Shares Ops/Elementwise's namespace: a namespace named Activation or Activations would hide the
// Kernels.Activation struct and Kernels.Activations class from all code in Parity.Engine.Ops.*.
namespace Parity.Engine.Ops.Elementwise;

/// <summary>
/// PReLU: x if x &gt;= 0 else alpha * x. With a <see cref="ChannelLayout"/>, alpha is one value per channel (Core ML);
/// without, alpha broadcasts against the input NumPy-style (Keras: the input shape without batch, 1 on shared axes).
/// </summary>
public sealed class ParametricRelu : IOperator
{
    public ParametricRelu(Tensor alpha, Layout? channelLayout = null)
    {
        if (alpha.DType != DType.Float32) throw new ArgumentException($"PReLU alpha is {alpha.Type}; expected float32.", nameof(alpha));
        if (channelLayout is not null && alpha.Rank != 1) throw new ArgumentException($"Per-channel PReLU alpha must be 1-D; got {alpha.Shape}.", nameof(alpha));
        Alpha = alpha;
        ChannelLayout = channelLayout;
    }

    public Tensor Alpha { get; }

    public Layout? ChannelLayout { get; }

    public string Kind => "PRelu";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        OperandChecks.Float32Inputs(Kind, inputs, 1);
        var shape = inputs[0].Shape;
        if (ChannelLayout is { } layout)
        {
            var channels = shape.Rank < 2 ? -1 : layout == Layout.Nhwc ? shape[shape.Rank - 1] : shape[1];
            if (channels != Alpha.Length)
            {
                throw new ShapeMismatchException($"PRelu with {Alpha.Length} per-channel alphas ({layout}) needs an input of rank >= 2 with {Alpha.Length} channels; got {shape}.");
            }
        }
        else if (OperandChecks.BroadcastShape(Kind, shape, Alpha.Shape) != shape)
        {
            throw new ShapeMismatchException($"PRelu alpha of shape {Alpha.Shape} must broadcast to the input shape {shape} without growing it.");
        }
        return [inputs[0]];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var x = inputs[0];
        if (ChannelLayout is { } layout) PRelu.ApplyPerChannel(x.Floats, x.Shape, Alpha.Floats, layout, outputs[0].Floats);
        else PRelu.Apply(x.Floats, x.Shape, Alpha.Floats, Alpha.Shape, outputs[0].Floats);
    }
}
