using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>Removes <see cref="Begin"/>[i] leading and <see cref="End"/>[i] trailing entries of axis i.</summary>
public sealed class CropOp(int[] begin, int[] end) : IOperator
{
    public int[] Begin { get; } = begin;

    public int[] End { get; } = end;

    public string Kind => "Crop";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        return [inputs[0] with { Shape = ShapeRules.Infer(Kind, () => Crop.OutputShape(inputs[0].Shape, Begin, End)) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        ElementWidth.Dispatch(inputs[0].DType, new Call(this, inputs[0], outputs[0]));

    private readonly record struct Call(CropOp Op, Tensor Input, Tensor Output) : IWidthGenericCall
    {
        public void Run<T>() where T : unmanaged => Crop.Run(ElementWidth.In<T>(Input), Input.Shape.Dims, Op.Begin, Op.End, ElementWidth.Out<T>(Output));
    }
}
