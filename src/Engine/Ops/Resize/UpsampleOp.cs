using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Resize;

/// <summary>
/// Scales the spatial axes of a rank-3+ tensor by factors: output size floor(size * factor) (MIL upsample_* ops, Core ML
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
        if (input.Rank < 3) throw new ShapeMismatchException($"{Kind} needs a {Parameters.Layout} tensor of rank 3 or more; got shape {input}.");
        var r = input.Rank;
        var (h, w) = Parameters.Layout == Layout.Nchw ? (input[r - 2], input[r - 1]) : (input[r - 3], input[r - 2]);
        var size = ShapeRules.Infer(Kind, () => new Shape(ResizeGrid.ScaledSize(h, ScaleHeight), ResizeGrid.ScaledSize(w, ScaleWidth)));
        return (size[0], size[1]);
    }
}
