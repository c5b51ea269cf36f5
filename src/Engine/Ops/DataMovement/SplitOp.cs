using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>Cuts the input along <see cref="Axis"/> into pieces of <see cref="Sizes"/>, or into <see cref="Parts"/> equal pieces when no sizes are given.</summary>
public sealed class SplitOp : IOperator
{
    public SplitOp(int axis, int[] sizes) => (Axis, Sizes, Parts) = (axis, sizes, sizes.Length);

    public SplitOp(int axis, int parts) => (Axis, Sizes, Parts) = (axis, null, parts);

    public int Axis { get; }

    public int[]? Sizes { get; }

    public int Parts { get; }

    public string Kind => "Split";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        var input = inputs[0];
        Shape[] shapes = [];
        ShapeRules.Infer(Kind, () =>
        {
            var sizes = Sizes ?? Split.EqualSizes(input.Shape[ShapeTransforms.NormalizeAxis(Axis, input.Shape.Rank, input.Shape, Kind)], Parts);
            shapes = Split.OutputShapes(input.Shape, Axis, sizes);
            return input.Shape;
        });
        return shapes.Select(s => new TensorType(input.DType, s)).ToArray();
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => Split.Run(inputs[0], Axis, outputs);
}
