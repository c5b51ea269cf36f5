using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Pooling;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Pooling;

/// <summary>2-D max, average or L2 pooling of a rank-4 float32 tensor in the given layout.</summary>
public sealed class Pooling2D(Layout layout, Pool2DParameters parameters) : IOperator
{
    public Layout Layout { get; } = layout;

    public Pool2DParameters Parameters { get; } = parameters;

    public string Kind => Parameters.Kind + "Pooling2D";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1) throw new ShapeMismatchException($"{Kind} takes one input, got {inputs.Count}.");
        var input = inputs[0];
        if (input.DType != DType.Float32 || input.Shape.Rank != 4)
        {
            throw new ShapeMismatchException($"{Kind} expects a rank-4 float32 input ({(Layout == Layout.Nhwc ? "N, H, W, C" : "N, C, H, W")}), got {input}.");
        }
        var (n, h, w, c) = Dims(input.Shape);
        try
        {
            Parameters.Validate(h, w);
        }
        catch (ArgumentException ex)
        {
            throw new ShapeMismatchException($"{Kind} cannot pool {input}: {ex.Message}");
        }
        var oh = Parameters.OutputHeight(h);
        var ow = Parameters.OutputWidth(w);
        return [new TensorType(DType.Float32, Layout == Layout.Nhwc ? new Shape(n, oh, ow, c) : new Shape(n, c, oh, ow))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var (n, h, w, c) = Dims(inputs[0].Shape);
        Pool2D.Run(inputs[0].Floats, Layout, n, h, w, c, Parameters, outputs[0].Floats);
    }

    private (int N, int H, int W, int C) Dims(Shape s) =>
        Layout == Layout.Nhwc ? (s[0], s[1], s[2], s[3]) : (s[0], s[2], s[3], s[1]);
}
