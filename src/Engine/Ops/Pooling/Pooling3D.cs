using Parity.Engine.Graph;
using Parity.Engine.Kernels.Pooling;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Pooling;

/// <summary>3-D max, average or L2 pooling of a channels-first rank-5 float32 tensor [N, C, D, H, W].</summary>
public sealed class Pooling3D(Pool3DParameters parameters) : IOperator
{
    public Pool3DParameters Parameters { get; } = parameters;

    public string Kind => Parameters.Kind + "Pooling3D";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1) throw new ShapeMismatchException($"{Kind} takes one input, got {inputs.Count}.");
        var input = inputs[0];
        if (input.DType != DType.Float32 || input.Shape.Rank != 5)
        {
            throw new ShapeMismatchException($"{Kind} expects a rank-5 float32 input (N, C, D, H, W), got {input}.");
        }
        var s = input.Shape;
        try
        {
            Parameters.Validate(s[2], s[3], s[4]);
        }
        catch (ArgumentException ex)
        {
            throw new ShapeMismatchException($"{Kind} cannot pool {input}: {ex.Message}");
        }
        var p = Parameters;
        return [new TensorType(DType.Float32, new Shape(s[0], s[1], p.OutputDepth(s[2]), p.OutputHeight(s[3]), p.OutputWidth(s[4])))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var s = inputs[0].Shape;
        Pool3D.Run(inputs[0].Floats, s[0], s[1], s[2], s[3], s[4], Parameters, outputs[0].Floats);
    }
}
