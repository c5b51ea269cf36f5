using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>Permutes axes: output axis i is input axis <see cref="Perm"/>[i].</summary>
public sealed class TransposeOp(int[] perm) : IOperator
{
    public int[] Perm { get; } = perm;

    public string Kind => "Transpose";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        return [inputs[0] with { Shape = ShapeRules.Infer(Kind, () => Transpose.OutputShape(inputs[0].Shape, Perm)) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        ElementWidth.Dispatch(inputs[0].DType, new Call(inputs[0], outputs[0], Perm));

    private readonly record struct Call(Tensor Input, Tensor Output, int[] Perm) : IWidthGenericCall
    {
        public void Run<T>() where T : unmanaged =>
            Transpose.Run(ElementWidth.In<T>(Input), Input.Shape.Dims, Perm, ElementWidth.Out<T>(Output));
    }
}
