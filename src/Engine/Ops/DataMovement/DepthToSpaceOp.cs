using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>Moves channels into <see cref="Block"/> x <see cref="Block"/> spatial blocks in the channel order of <see cref="Mode"/>.</summary>
public sealed class DepthToSpaceOp(int block, Layout layout, DepthToSpaceMode mode) : IOperator
{
    public int Block { get; } = block;

    public Layout Layout { get; } = layout;

    public DepthToSpaceMode Mode { get; } = mode;

    public string Kind => "DepthToSpace";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        return [inputs[0] with { Shape = ShapeRules.Infer(Kind, () => DepthToSpace.OutputShape(inputs[0].Shape, Layout, Block)) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        ElementWidth.Dispatch(inputs[0].DType, new Call(this, inputs[0], outputs[0]));

    private readonly record struct Call(DepthToSpaceOp Op, Tensor Input, Tensor Output) : IWidthGenericCall
    {
        public void Run<T>() where T : unmanaged =>
            DepthToSpace.Run(ElementWidth.In<T>(Input), Input.Shape.Dims, Op.Layout, Op.Block, Op.Mode, ElementWidth.Out<T>(Output));
    }
}
