using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Convolution;
using Parity.Engine.Tensors;
using Kernel = Parity.Engine.Kernels.Convolution.ConvTranspose3D;

namespace Parity.Engine.Ops.Convolution;

/// <summary>
/// 3-D transposed convolution, channels first, with constant weights, optional bias and a fused activation: input
/// [N, Cin, D, H, W], weights [Cin, Cout/groups, KD, KH, KW], output [N, Cout, Dout, Hout, Wout]. Pads crop the output;
/// output padding adds cells at the back/bottom/right.
/// </summary>
public sealed class ConvTranspose3D : IOperator
{
    public ConvTranspose3D(Tensor weights, Tensor? bias, Conv3DAttributes attributes,
        int outputPaddingDepth = 0, int outputPaddingHeight = 0, int outputPaddingWidth = 0, Activation? activation = null)
    {
        Weights = ConvOperands.RequireWeights(weights, 5, "[Cin, Cout/groups, KD, KH, KW]");
        attributes.Validate();
        Attributes = attributes;
        ConvGeometry.RequireAtLeast(0, ("output padding depth", outputPaddingDepth), ("output padding height", outputPaddingHeight),
            ("output padding width", outputPaddingWidth));
        (OutputPaddingDepth, OutputPaddingHeight, OutputPaddingWidth) = (outputPaddingDepth, outputPaddingHeight, outputPaddingWidth);
        Bias = ConvOperands.RequireBias(bias, OutChannels);
        Activation = activation ?? Activation.None;
    }

    public Tensor Weights { get; }

    public Tensor? Bias { get; }

    public Conv3DAttributes Attributes { get; }

    public int OutputPaddingDepth { get; }

    public int OutputPaddingHeight { get; }

    public int OutputPaddingWidth { get; }

    /// <summary>Applied to every output element after the bias.</summary>
    public Activation Activation { get; }

    public int OutChannels => Weights.Shape[1] * Attributes.Groups;

    public string Kind => "ConvTranspose3D";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        var input = ConvOperands.RequireInput(Kind, inputs, 5, "[N, C, D, H, W]");
        var p = Parameters(input.Shape);
        if (p.InChannels != Weights.Shape[0])
        {
            throw new ShapeMismatchException($"{Kind}: input {input.Shape} has {p.InChannels} channels, but weights {Weights.Shape} expect {Weights.Shape[0]}.");
        }
        if (p.InChannels % Attributes.Groups != 0)
        {
            throw new ShapeMismatchException($"{Kind}: input {input.Shape} has {p.InChannels} channels, which {Attributes.Groups} groups do not divide.");
        }
        if (p.OutDepth < 1 || p.OutHeight < 1 || p.OutWidth < 1)
        {
            throw new ShapeMismatchException(
                $"{Kind}: input {input.Shape} with weights {Weights.Shape} and these pads crops the output to an empty {p.OutDepth}x{p.OutHeight}x{p.OutWidth}.");
        }
        return [new TensorType(DType.Float32, p.OutputShape)];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var output = outputs[0].Floats;
        Kernel.Forward(Parameters(inputs[0].Shape), inputs[0].Floats, Weights.Floats, Bias is null ? default : Bias.Floats, output);
        if (!Activation.IsIdentity) Activations.Apply(Activation, output, output);
    }

    private ConvTranspose3DParameters Parameters(Shape input)
    {
        var w = Weights.Shape;
        var a = Attributes;
        return new ConvTranspose3DParameters(input[0], input[1], input[2], input[3], input[4], OutChannels, w[2], w[3], w[4],
            a.StrideDepth, a.StrideHeight, a.StrideWidth, a.DilationDepth, a.DilationHeight, a.DilationWidth, a.Groups,
            a.PadFront, a.PadBack, a.PadTop, a.PadBottom, a.PadLeft, a.PadRight,
            OutputPaddingDepth, OutputPaddingHeight, OutputPaddingWidth);
    }
}
