using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>NumPy/TF/MIL strided slice with one <see cref="SliceAxis"/> per leading input axis.</summary>
public sealed class StridedSliceOp(SliceAxis[] axes) : IOperator
{
    public SliceAxis[] Axes { get; } = axes;

    public string Kind => "StridedSlice";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        return [inputs[0] with { Shape = ShapeRules.Infer(Kind, () => StridedSlice.OutputShape(StridedSlice.Resolve(inputs[0].Shape, Axes))) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        ElementWidth.Dispatch(inputs[0].DType, new Call(inputs[0], outputs[0], StridedSlice.Resolve(inputs[0].Shape, Axes)));

    private readonly record struct Call(Tensor Input, Tensor Output, ResolvedSlice Slice) : IWidthGenericCall
    {
        public void Run<T>() where T : unmanaged =>
            StridedSlice.Run(ElementWidth.In<T>(Input), Input.Shape.Dims, Slice, ElementWidth.Out<T>(Output));
    }
}
