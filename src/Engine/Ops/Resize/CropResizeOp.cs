using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Resize;

/// <summary>
/// Crop-resize of an NCHW batch x [B, C, H, W] by boxes (Core ML NN cropResize, MIL crop_resize iOS15/16). Boxes [N, 4]
/// are taken from every image: output [N, B, C, targetHeight, targetWidth]. Boxes [N, 5] carry the image index first:
/// output [N, 1, C, targetHeight, targetWidth] (the ROI conventions of CropResizeLayerParams). float32, and float16 by
/// computing in float32 and rounding back.
/// </summary>
public sealed class CropResizeOp(CropResizeParameters parameters) : IOperator
{
    public CropResizeParameters Parameters { get; } = parameters;

    public string Kind => "CropResize";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 2);
        var (x, boxes) = (inputs[0], inputs[1]);
        if (x.DType is not (DType.Float32 or DType.Float16) || x.Shape.Rank != 4) throw new ShapeMismatchException($"{Kind} needs a float [B, C, H, W] input; got {x}.");
        if (boxes.Shape.Rank != 2 || boxes.Shape[1] is not (4 or 5)) throw new ShapeMismatchException($"{Kind} needs boxes [N, 4] or [N, 5]; got {boxes}.");
        if (boxes.DType is not (DType.Float32 or DType.Float16)) throw new ShapeMismatchException($"{Kind} needs float boxes; got {boxes}.");
        if (Parameters.TargetHeight < 1 || Parameters.TargetWidth < 1) throw new ShapeMismatchException($"{Kind} target {Parameters.TargetHeight} x {Parameters.TargetWidth} must be positive.");
        var perBox = boxes.Shape[1] == 4 ? x.Shape[0] : 1;
        return [x with { Shape = new Shape(boxes.Shape[0], perBox, x.Shape[1], Parameters.TargetHeight, Parameters.TargetWidth) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var (x, output) = (inputs[0], outputs[0]);
        using var boxes = inputs[1].ToFloat32();
        var (batch, count, columns) = (x.Shape[0], boxes.Shape[0], boxes.Shape[1]);
        var crops = columns == 4 ? count * batch : count;
        var coordinates = new float[crops * 4];
        var images = new int[crops];
        var values = boxes.Floats;
        for (var n = 0; n < count; n++)
        {
            var row = values.Slice(n * columns, columns);
            if (columns == 4)
            {
                for (var b = 0; b < batch; b++)
                {
                    row.CopyTo(coordinates.AsSpan((n * batch + b) * 4, 4));
                    images[n * batch + b] = b;
                }
                continue;
            }
            var index = row[0];
            if (index != MathF.Floor(index) || index < 0 || index >= batch)
            {
                throw new ArgumentException($"{Kind} box {n} names image {index}; expected an integer in [0, {batch - 1}].");
            }
            images[n] = (int)index;
            row.Slice(1, 4).CopyTo(coordinates.AsSpan(n * 4, 4));
        }
        var (channels, height, width) = (x.Shape[1], x.Shape[2], x.Shape[3]);
        if (x.DType == DType.Float32)
        {
            CropResize.Run(x.Floats, batch, channels, height, width, coordinates, images, Parameters, output.Floats);
            return;
        }
        using var wide = x.ToFloat32();
        using var result = Tensor.Uninitialized(DType.Float32, output.Shape);
        CropResize.Run(wide.Floats, batch, channels, height, width, coordinates, images, Parameters, result.Floats);
        using var narrow = result.CastFromFloat32(output.DType);
        narrow.Bytes.CopyTo(output.Bytes);
    }
}
