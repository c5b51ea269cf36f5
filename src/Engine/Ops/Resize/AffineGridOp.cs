using Parity.Engine.Graph;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Resize;

/// <summary>
/// The sampling grid of an affine transform (PyTorch affine_grid; MIL affine builds on it): theta [B, 6] = [a0, a1, a2,
/// b0, b1, b2] maps each output pixel's normalized position (x, y) in -1 .. 1 to (a0·x + a1·y + a2, b0·x + b1·y + b2),
/// giving coordinates [B, height, width, 2] for a grid sample. With aligned corners the outer output pixel centres sit at
/// ±1 (x_j = -1 + 2j / (W - 1), and -1 for a single pixel, as linspace(-1, 1, 1) gives); otherwise the outer edges do
/// (x_j = (2j + 1) / W - 1).
/// </summary>
public sealed class AffineGridOp(int height, int width, bool alignCorners) : IOperator
{
    public int Height { get; } = height > 0 ? height : throw new ArgumentOutOfRangeException(nameof(height), height, "The grid needs at least one row.");

    public int Width { get; } = width > 0 ? width : throw new ArgumentOutOfRangeException(nameof(width), width, "The grid needs at least one column.");

    public bool AlignCorners { get; } = alignCorners;

    public string Kind => "AffineGrid";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        var theta = inputs[0];
        if (theta.DType is not (DType.Float32 or DType.Float16) || theta.Shape.Rank != 2 || theta.Shape[1] != 6)
        {
            throw new ShapeMismatchException($"{Kind} needs a float transform [B, 6] ([a0, a1, a2, b0, b1, b2] per image); got {theta}.");
        }
        return [new TensorType(DType.Float32, new Shape(theta.Shape[0], Height, Width, 2))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        using var theta = inputs[0].ToFloat32();
        var t = theta.Floats;
        var grid = outputs[0].Floats;
        for (var b = 0; b < theta.Shape[0]; b++)
        {
            var m = t.Slice(b * 6, 6);
            for (var i = 0; i < Height; i++)
            {
                var y = Normalized(i, Height);
                for (var j = 0; j < Width; j++)
                {
                    var x = Normalized(j, Width);
                    var at = ((b * Height + i) * Width + j) * 2;
                    grid[at] = (float)(m[0] * x + m[1] * y + m[2]);
                    grid[at + 1] = (float)(m[3] * x + m[4] * y + m[5]);
                }
            }
        }
    }

    private double Normalized(int index, int size) => AlignCorners
        ? size == 1 ? -1 : -1 + 2.0 * index / (size - 1)
        : (2.0 * index + 1) / size - 1;
}
