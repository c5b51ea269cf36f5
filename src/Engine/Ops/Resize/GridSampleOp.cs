using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Resize;

/// <summary>
/// Grid sample of an NCHW batch x [B, C, H, W] at coordinates [B, H2, W2, 2] (x then y), giving [B, C, H2, W2] (MIL
/// resample). float32, and float16 by computing in float32 and rounding back; coordinates may be float or int32.
/// </summary>
public sealed class GridSampleOp(GridSampleParameters parameters) : IOperator
{
    public GridSampleParameters Parameters { get; } = parameters;

    public string Kind => "GridSample";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 2);
        var (x, grid) = (inputs[0], inputs[1]);
        if (x.DType is not (DType.Float32 or DType.Float16) || x.Shape.Rank != 4 || x.Shape[2] < 1 || x.Shape[3] < 1)
        {
            throw new ShapeMismatchException($"{Kind} needs a float [B, C, H, W] input with a non-empty image; got {x}.");
        }
        if (grid.DType is not (DType.Float32 or DType.Float16 or DType.Int32) || grid.Shape.Rank != 4 || grid.Shape[0] != x.Shape[0] || grid.Shape[3] != 2)
        {
            throw new ShapeMismatchException($"{Kind} needs coordinates [{x.Shape[0]}, H2, W2, 2] (float or int32) for input {x}; got {grid}.");
        }
        return [x with { Shape = new Shape(x.Shape[0], x.Shape[1], grid.Shape[1], grid.Shape[2]) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var (x, output) = (inputs[0], outputs[0]);
        using var grid = inputs[1].ToFloat32();
        var (batch, channels, height, width) = (x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]);
        var (outHeight, outWidth) = (grid.Shape[1], grid.Shape[2]);
        if (x.DType == DType.Float32)
        {
            GridSample.Run(x.Floats, batch, channels, height, width, grid.Floats, outHeight, outWidth, Parameters, output.Floats);
            return;
        }
        using var wide = x.ToFloat32();
        using var result = Tensor.Uninitialized(DType.Float32, output.Shape);
        GridSample.Run(wide.Floats, batch, channels, height, width, grid.Floats, outHeight, outWidth, Parameters, result.Floats);
        using var narrow = result.CastFromFloat32(output.DType);
        narrow.Bytes.CopyTo(output.Bytes);
    }
}
