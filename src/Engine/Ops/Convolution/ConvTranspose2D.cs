using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Convolution;
using Parity.Engine.Tensors;
using Kernel = Parity.Engine.Kernels.Convolution.ConvTranspose2D;

namespace Parity.Engine.Ops.Convolution;

/// <summary>
/// 2-D transposed convolution (deconvolution) with constant weights, optional bias and a fused activation. NHWC: input
/// [N, H, W, Cin], weights [KH, KW, Cout/groups, Cin] (Keras Conv2DTranspose); NCHW: input [N, Cin, H, W], weights
/// [Cin, Cout/groups, KH, KW] (Core ML deconvolution). Output padding adds rows/columns at the bottom/right.
/// </summary>
public sealed class ConvTranspose2D : IOperator
{
    public ConvTranspose2D(Layout layout, Tensor weights, Tensor? bias, Conv2DAttributes attributes,
        int outputPaddingHeight = 0, int outputPaddingWidth = 0, Activation? activation = null)
    {
        Layout = layout;
        Weights = ConvOperands.RequireWeights(weights, 4, layout == Layout.Nhwc ? "[KH, KW, Cout/groups, Cin]" : "[Cin, Cout/groups, KH, KW]");
        attributes.Validate();
        Attributes = attributes;
        ConvGeometry.RequireAtLeast(0, ("output padding height", outputPaddingHeight), ("output padding width", outputPaddingWidth));
        OutputPaddingHeight = outputPaddingHeight;
        OutputPaddingWidth = outputPaddingWidth;
        Bias = ConvOperands.RequireBias(bias, OutChannels);
        Activation = activation ?? Activation.None;
    }

    public Layout Layout { get; }

    public Tensor Weights { get; }

    public Tensor? Bias { get; }

    public Conv2DAttributes Attributes { get; }

    public int OutputPaddingHeight { get; }

    public int OutputPaddingWidth { get; }

    /// <summary>Applied to every output element after the bias.</summary>
    public Activation Activation { get; }

    public int OutChannels => (Layout == Layout.Nhwc ? Weights.Shape[2] : Weights.Shape[1]) * Attributes.Groups;

    public string Kind => "ConvTranspose2D";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        var input = ConvOperands.RequireInput(Kind, inputs, 4, Layout == Layout.Nhwc ? "[N, H, W, C]" : "[N, C, H, W]");
        var p = Parameters(input.Shape);
        var weightInChannels = Layout == Layout.Nhwc ? Weights.Shape[3] : Weights.Shape[0];
        if (p.InChannels != weightInChannels)
        {
            throw new ShapeMismatchException($"{Kind}: input {input.Shape} has {p.InChannels} channels, but weights {Weights.Shape} expect {weightInChannels}.");
        }
        ConvOperands.RequireOutputFits(Kind, input.Shape, Weights.Shape, p.OutHeight, p.OutWidth);
        p.Validate();
        return [new TensorType(DType.Float32, p.OutputShape)];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var output = outputs[0].Floats;
        Kernel.Forward(Parameters(inputs[0].Shape), inputs[0].Floats, Weights.Floats, Bias is null ? default : Bias.Floats, output);
        if (!Activation.IsIdentity) Activations.Apply(Activation, output, output);
    }

    private ConvTranspose2DParameters Parameters(Shape input)
    {
        var (kh, kw) = Layout == Layout.Nhwc ? (Weights.Shape[0], Weights.Shape[1]) : (Weights.Shape[2], Weights.Shape[3]);
        var (c, h, w) = Layout == Layout.Nhwc ? (input[3], input[1], input[2]) : (input[1], input[2], input[3]);
        var a = Attributes;
        return new ConvTranspose2DParameters(Layout, input[0], c, h, w, OutChannels, kh, kw,
            a.StrideHeight, a.StrideWidth, a.DilationHeight, a.DilationWidth, a.Groups, a.PadTop, a.PadBottom, a.PadLeft, a.PadRight,
            OutputPaddingHeight, OutputPaddingWidth);
    }
}
