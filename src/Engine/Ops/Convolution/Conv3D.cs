using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Convolution;
using Parity.Engine.Tensors;
using Kernel = Parity.Engine.Kernels.Convolution.Conv3D;

namespace Parity.Engine.Ops.Convolution;

/// <summary>
/// 3-D convolution, channels first, with constant weights, optional bias and a fused activation: input [N, Cin, D, H, W],
/// weights [Cout, Cin/groups, KD, KH, KW], bias [Cout], output [N, Cout, Dout, Hout, Wout].
/// </summary>
public sealed class Conv3D : IOperator
{
    public Conv3D(Tensor weights, Tensor? bias, Conv3DAttributes attributes, Activation? activation = null)
    {
        Weights = ConvOperands.RequireWeights(weights, 5, "[Cout, Cin/groups, KD, KH, KW]");
        attributes.Validate();
        Attributes = attributes;
        Bias = ConvOperands.RequireBias(bias, OutChannels);
        Activation = activation ?? Activation.None;
    }

    public Tensor Weights { get; }

    public Tensor? Bias { get; }

    public Conv3DAttributes Attributes { get; }

    /// <summary>Applied to every output element after the bias.</summary>
    public Activation Activation { get; }

    public int OutChannels => Weights.Shape[0];

    public string Kind => "Conv3D";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        var input = ConvOperands.RequireInput(Kind, inputs, 5, "[N, C, D, H, W]");
        var p = Parameters(input.Shape);
        ConvOperands.RequireChannels(Kind, input.Shape, p.InChannels, Weights.Shape, Weights.Shape[1], Attributes.Groups);
        if (p.OutDepth < 1 || p.OutHeight < 1 || p.OutWidth < 1)
        {
            throw new ShapeMismatchException(
                $"{Kind}: input {input.Shape} with weights {Weights.Shape} and these pads/strides/dilations gives an empty {p.OutDepth}x{p.OutHeight}x{p.OutWidth} output.");
        }
        Reject(() => p.Validate(), input.Shape);
        return [new TensorType(DType.Float32, p.OutputShape)];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var output = outputs[0].Floats;
        Kernel.Forward(Parameters(inputs[0].Shape), inputs[0].Floats, Weights.Floats, Bias is null ? default : Bias.Floats, output);
        if (!Activation.IsIdentity) Activations.Apply(Activation, output, output);
    }

    private void Reject(Action validate, Shape input)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            throw new ShapeMismatchException($"{Kind} cannot run on input {input} with weights {Weights.Shape}: {ex.Message}");
        }
    }

    private Conv3DParameters Parameters(Shape input)
    {
        var w = Weights.Shape;
        var a = Attributes;
        return new Conv3DParameters(input[0], input[1], input[2], input[3], input[4], OutChannels, w[2], w[3], w[4],
            a.StrideDepth, a.StrideHeight, a.StrideWidth, a.DilationDepth, a.DilationHeight, a.DilationWidth, a.Groups,
            a.PadFront, a.PadBack, a.PadTop, a.PadBottom, a.PadLeft, a.PadRight);
    }
}
