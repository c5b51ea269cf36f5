using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Convolution;
using Parity.Engine.Tensors;
using Kernel = Parity.Engine.Kernels.Convolution.Conv1D;

namespace Parity.Engine.Ops.Convolution;

/// <summary>
/// 1-D convolution with constant weights, optional bias and a fused activation. Channels last (<see cref="Layout.Nhwc"/>):
/// input [N, W, Cin], weights [K, Cin/groups, Cout] (Keras Conv1D); channels first (<see cref="Layout.Nchw"/>):
/// input [N, Cin, W], weights [Cout, Cin/groups, K].
/// </summary>
public sealed class Conv1D : IOperator
{
    public Conv1D(Layout layout, Tensor weights, Tensor? bias,
        int stride = 1, int dilation = 1, int groups = 1, int padLeft = 0, int padRight = 0, Activation? activation = null)
    {
        Layout = layout;
        Weights = ConvOperands.RequireWeights(weights, 3, layout == Layout.Nhwc ? "[K, Cin/groups, Cout]" : "[Cout, Cin/groups, K]");
        ConvGeometry.RequireAtLeast(1, ("stride", stride), ("dilation", dilation), ("groups", groups));
        ConvGeometry.RequireAtLeast(0, ("pad left", padLeft), ("pad right", padRight));
        (Stride, Dilation, Groups, PadLeft, PadRight) = (stride, dilation, groups, padLeft, padRight);
        Bias = ConvOperands.RequireBias(bias, OutChannels);
        Activation = activation ?? Activation.None;
    }

    public Layout Layout { get; }

    public Tensor Weights { get; }

    public Tensor? Bias { get; }

    public int Stride { get; }

    public int Dilation { get; }

    public int Groups { get; }

    public int PadLeft { get; }

    public int PadRight { get; }

    /// <summary>Applied to every output element after the bias.</summary>
    public Activation Activation { get; }

    public int OutChannels => Layout == Layout.Nhwc ? Weights.Shape[2] : Weights.Shape[0];

    public string Kind => "Conv1D";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        var input = ConvOperands.RequireInput(Kind, inputs, 3, Layout == Layout.Nhwc ? "[N, W, C]" : "[N, C, W]");
        var p = Parameters(input.Shape);
        ConvOperands.RequireChannels(Kind, input.Shape, p.InChannels, Weights.Shape, Weights.Shape[1], Groups);
        ConvOperands.RequireOutputFits(Kind, input.Shape, Weights.Shape, 1, p.OutWidth);
        p.As2D().Validate();
        return [new TensorType(DType.Float32, p.OutputShape)];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var output = outputs[0].Floats;
        Kernel.Forward(Parameters(inputs[0].Shape), inputs[0].Floats, Weights.Floats, Bias is null ? default : Bias.Floats, output);
        if (!Activation.IsIdentity) Activations.Apply(Activation, output, output);
    }

    private Conv1DParameters Parameters(Shape input)
    {
        var kernel = Layout == Layout.Nhwc ? Weights.Shape[0] : Weights.Shape[2];
        var (c, w) = Layout == Layout.Nhwc ? (input[2], input[1]) : (input[1], input[2]);
        return new Conv1DParameters(Layout, input[0], c, w, OutChannels, kernel, Stride, Dilation, Groups, PadLeft, PadRight);
    }
}
