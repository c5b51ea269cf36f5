using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>Repeats the input <see cref="Repeats"/>[i] times along axis i.</summary>
public sealed class TileOp(int[] repeats) : IOperator
{
    public int[] Repeats { get; } = repeats;

    public string Kind => "Tile";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        return [inputs[0] with { Shape = ShapeRules.Infer(Kind, () => Tile.OutputShape(inputs[0].Shape, Repeats)) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        ElementWidth.Dispatch(inputs[0].DType, new Call(inputs[0], outputs[0], Repeats));

    private readonly record struct Call(Tensor Input, Tensor Output, int[] Repeats) : IWidthGenericCall
    {
        public void Run<T>() where T : unmanaged => Tile.Run(ElementWidth.In<T>(Input), Input.Shape.Dims, Repeats, ElementWidth.Out<T>(Output));
    }
}
