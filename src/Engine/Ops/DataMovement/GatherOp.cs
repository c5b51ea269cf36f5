using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>Gathers slices of input 0 along <see cref="Axis"/> at the int32 or int64 indices of input 1.</summary>
public sealed class GatherOp(int axis) : IOperator
{
    public int Axis { get; } = axis;

    public string Kind => "Gather";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 2);
        if (inputs[1].DType is not (DType.Int32 or DType.Int64))
        {
            throw new ShapeMismatchException($"Gather indices must be int32 or int64; got {inputs[1]}.");
        }
        return [inputs[0] with { Shape = ShapeRules.Infer(Kind, () => Gather.OutputShape(inputs[0].Shape, Axis, inputs[1].Shape)) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        ElementWidth.Dispatch(inputs[0].DType, new Call(Axis, inputs[0], inputs[1], outputs[0]));

    private readonly record struct Call(int Axis, Tensor Data, Tensor Indices, Tensor Output) : IWidthGenericCall
    {
        public void Run<T>() where T : unmanaged
        {
            if (Indices.DType == DType.Int32) Gather.Run(ElementWidth.In<T>(Data), Data.Shape.Dims, Axis, Indices.Span<int>(), ElementWidth.Out<T>(Output));
            else Gather.Run(ElementWidth.In<T>(Data), Data.Shape.Dims, Axis, Indices.Span<long>(), ElementWidth.Out<T>(Output));
        }
    }
}
