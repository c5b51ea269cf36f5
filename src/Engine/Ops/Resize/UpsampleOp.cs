using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Resize;

/// <summary>
/// Scales the spatial axes of a rank-4 tensor by factors: output size floor(size * factor) (MIL upsample_* ops, Core ML
/// UpsampleLayer, Keras UpSampling2D). Whether the grid uses the factor or in/out is chosen by
/// <see cref="ResizeParameters.ScaleHeight"/>/<see cref="ResizeParameters.ScaleWidth"/> in <see cref="Parameters"/>.
/// </summary>
public sealed class UpsampleOp(ResizeMethod method, double scaleHeight, double scaleWidth, ResizeParameters parameters) : IOperator
{
    public ResizeMethod Method { get; } = method;

    public double ScaleHeight { get; } = scaleHeight;

    public double ScaleWidth { get; } = scaleWidth;

    public ResizeParameters Parameters { get; } = parameters;

    public string Kind => Method == ResizeMethod.Nearest ? "UpsampleNearest" : "UpsampleBilinear";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        var (h, w) = OutputSize(inputs[0].Shape);
        return new ResizeOp(Method, h, w, Parameters).InferOutputTypes(inputs);
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var (h, w) = OutputSize(inputs[0].Shape);
        ResizeOp.Run(inputs[0], outputs[0], h, w, Method, Parameters);
    }

    private (int Height, int Width) OutputSize(Shape input)
    {
        if (input.Rank != 4) throw new ShapeMismatchException($"{Kind} needs a rank-4 {Parameters.Layout} tensor; got shape {input}.");
        var (h, w) = Parameters.Layout == Layout.Nchw ? (input[2], input[3]) : (input[1], input[2]);
        var size = ShapeRules.Infer(Kind, () => new Shape(ResizeGrid.ScaledSize(h, ScaleHeight), ResizeGrid.ScaledSize(w, ScaleWidth)));
        return (size[0], size[1]);
    }
}
