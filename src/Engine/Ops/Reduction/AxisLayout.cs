using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Reduction;

/// <summary>A row-major tensor seen as [outer, length, inner] around one axis, the shape the along-axis ops walk.</summary>
internal static class AxisLayout
{
    /// <summary>Outer, axis and inner extents of <paramref name="shape"/> around <paramref name="axis"/> (negative counts from the end).</summary>
    public static (int Outer, int Length, int Inner) Resolve(string op, Shape shape, int axis)
    {
        var a = axis < 0 ? axis + shape.Rank : axis;
        if (a < 0 || a >= shape.Rank) throw new ShapeMismatchException($"{op}: axis {axis} is out of range for shape {shape}; expected -{shape.Rank}..{shape.Rank - 1}.");
        return (shape.Product(0, a), shape[a], shape.Product(a + 1, shape.Rank));
    }
}
