using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Pooling;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Pooling;

/// <summary>1-D pooling of a rank-3 float32 tensor: [N, W, C] for <see cref="Layout.Nhwc"/>, [N, C, W] for <see cref="Layout.Nchw"/>.</summary>
public sealed class Pooling1D(Layout layout, PoolKind pool, int kernel, int stride, int padLeft, int padRight, bool countPadding) : IOperator
{
    public Layout Layout { get; } = layout;

    public PoolKind Pool { get; } = pool;

    public int Kernel { get; } = kernel;

    public int Stride { get; } = stride;

    public int PadLeft { get; } = padLeft;

    public int PadRight { get; } = padRight;

    public bool CountPadding { get; } = countPadding;

    public string Kind => Pool + "Pooling1D";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1) throw new ShapeMismatchException($"{Kind} takes one input, got {inputs.Count}.");
        var input = inputs[0];
        if (input.DType != DType.Float32 || input.Shape.Rank != 3)
        {
            throw new ShapeMismatchException($"{Kind} expects a rank-3 float32 input ({(Layout == Layout.Nhwc ? "N, W, C" : "N, C, W")}), got {input}.");
        }
        var (n, w, c) = Dims(input.Shape);
        var p = AsPool2D();
        try
        {
            p.Validate(1, w);
        }
        catch (ArgumentException ex)
        {
            throw new ShapeMismatchException($"{Kind} cannot pool {input}: {ex.Message}");
        }
        var ow = p.OutputWidth(w);
        return [new TensorType(DType.Float32, Layout == Layout.Nhwc ? new Shape(n, ow, c) : new Shape(n, c, ow))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var (n, w, c) = Dims(inputs[0].Shape);
        Pool1D.Run(inputs[0].Floats, Layout, n, w, c, Pool, Kernel, Stride, PadLeft, PadRight, CountPadding, outputs[0].Floats);
    }

    private Pool2DParameters AsPool2D() => new(Pool, 1, Kernel, 1, Stride, 0, 0, PadLeft, PadRight, CountPadding);

    private (int N, int W, int C) Dims(Shape s) => Layout == Layout.Nhwc ? (s[0], s[1], s[2]) : (s[0], s[2], s[1]);
}
