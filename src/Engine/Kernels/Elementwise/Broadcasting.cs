using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>NumPy broadcasting of two shapes: align on the right, and each axis pair must be equal or contain a 1.</summary>
public static class Broadcasting
{
    /// <summary>The broadcast result shape; throws <see cref="ArgumentException"/> naming both shapes when they are incompatible.</summary>
    public static Shape ResultShape(Shape a, Shape b)
    {
        var rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (var axis = 0; axis < rank; axis++)
        {
            int da = AlignedDim(a, axis, rank), db = AlignedDim(b, axis, rank);
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException(
                    $"Shapes {a} and {b} cannot be broadcast together: axis {axis - rank} has sizes {da} and {db}; they must be equal or one of them 1.");
            }
            dims[axis] = da == 1 ? db : da;
        }
        return new Shape(dims);
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> broadcast together.</summary>
    public static bool AreCompatible(Shape a, Shape b)
    {
        var rank = Math.Max(a.Rank, b.Rank);
        for (var axis = 0; axis < rank; axis++)
        {
            int da = AlignedDim(a, axis, rank), db = AlignedDim(b, axis, rank);
            if (da != db && da != 1 && db != 1) return false;
        }
        return true;
    }

    /// <summary>The size of <paramref name="shape"/> on axis <paramref name="axis"/> of a rank-<paramref name="rank"/> result (1 where it has no such axis).</summary>
    internal static int AlignedDim(Shape shape, int axis, int rank)
    {
        var own = axis - (rank - shape.Rank);
        return own < 0 ? 1 : shape[own];
    }
}
