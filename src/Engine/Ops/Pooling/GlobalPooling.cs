using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Pooling;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Pooling;

/// <summary>
/// Global max/average/L2 pooling over every spatial axis of a float32 tensor ([N, C, spatial...] or
/// [N, spatial..., C]); the output is [N, C], or keeps the spatial axes as size 1 when <see cref="KeepDims"/>.
/// </summary>
public sealed class GlobalPooling(Layout layout, PoolKind pool, bool keepDims) : IOperator
{
    public Layout Layout { get; } = layout;

    public PoolKind Pool { get; } = pool;

    public bool KeepDims { get; } = keepDims;

    public string Kind => "Global" + Pool + "Pooling";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1) throw new ShapeMismatchException($"{Kind} takes one input, got {inputs.Count}.");
        var input = inputs[0];
        if (input.DType != DType.Float32 || input.Shape.Rank < 3)
        {
            throw new ShapeMismatchException($"{Kind} expects a float32 input of rank 3 or more (batch, channels, spatial axes), got {input}.");
        }
        var s = input.Shape;
        var channels = Layout == Layout.Nchw ? s[1] : s[s.Rank - 1];
        if (!KeepDims) return [new TensorType(DType.Float32, new Shape(s[0], channels))];
        var dims = Enumerable.Repeat(1, s.Rank).ToArray();
        dims[0] = s[0];
        dims[Layout == Layout.Nchw ? 1 : s.Rank - 1] = channels;
        return [new TensorType(DType.Float32, new Shape(dims))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        GlobalPool.Run(inputs[0].Floats, inputs[0].Shape.Dims, Layout, Pool, outputs[0].Floats);
}
