using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>Moves <see cref="Block"/> x <see cref="Block"/> spatial blocks into channels in the channel order of <see cref="Mode"/>.</summary>
public sealed class SpaceToDepthOp(int block, Layout layout, DepthToSpaceMode mode = DepthToSpaceMode.Dcr) : IOperator
{
    public int Block { get; } = block;

    public Layout Layout { get; } = layout;

    public DepthToSpaceMode Mode { get; } = mode;

    public string Kind => "SpaceToDepth";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        return [inputs[0] with { Shape = ShapeRules.Infer(Kind, () => SpaceToDepth.OutputShape(inputs[0].Shape, Layout, Block)) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        ElementWidth.Dispatch(inputs[0].DType, new Call(this, inputs[0], outputs[0]));

    private readonly record struct Call(SpaceToDepthOp Op, Tensor Input, Tensor Output) : IWidthGenericCall
    {
        public void Run<T>() where T : unmanaged =>
            SpaceToDepth.Run(ElementWidth.In<T>(Input), Input.Shape.Dims, Op.Layout, Op.Block, Op.Mode, ElementWidth.Out<T>(Output));
    }
}
