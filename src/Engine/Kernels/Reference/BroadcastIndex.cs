using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Reference;

/// <summary>NumPy broadcasting by definition: the flat index of an input element that feeds a given output element.</summary>
internal static class BroadcastIndex
{
    /// <summary>The flat offset in an input of <paramref name="inputShape"/> for output element <paramref name="outputIndex"/> of <paramref name="outputShape"/>.</summary>
    public static int Source(int outputIndex, Shape outputShape, Shape inputShape)
    {
        var offset = 0;
        var stride = 1;
        var rest = outputIndex;
        // Walk the axes right to left: the output coordinate on each axis, clamped to 0 where the input has size 1.
        for (var axis = outputShape.Rank - 1; axis >= 0; axis--)
        {
            var coordinate = rest % outputShape[axis];
            rest /= outputShape[axis];
            var inputAxis = axis - (outputShape.Rank - inputShape.Rank);
            if (inputAxis < 0) continue;
            var size = inputShape[inputAxis];
            offset += (size == 1 ? 0 : coordinate) * stride;
            stride *= size;
        }
        return offset;
    }
}
