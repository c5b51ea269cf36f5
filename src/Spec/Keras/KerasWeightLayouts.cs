using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Spec.Keras;

/// <summary>Rearranges stored Keras weights into the layouts engine operators take.</summary>
internal static class KerasWeightLayouts
{
    /// <summary>A copy of <paramref name="weights"/> with its axes permuted.</summary>
    public static Tensor Permute(Tensor weights, params int[] perm)
    {
        var result = Tensor.Uninitialized(weights.DType, Transpose.OutputShape(weights.Shape, perm));
        Transpose.Run<float>(weights.Floats, weights.Shape.Dims, perm, result.Floats);
        return result;
    }

    /// <summary>
    /// Reverses the leading <paramref name="spatialAxes"/> axes of a channels-last kernel [k1, ..., C_in, C_out]:
    /// Theano convolves (flips the kernel) where TensorFlow correlates, so a Theano-trained kernel runs flipped.
    /// </summary>
    public static Tensor FlipSpatial(Tensor kernel, int spatialAxes)
    {
        var shape = kernel.Shape;
        var inner = shape.Product(spatialAxes, shape.Rank);
        var positions = shape.Product(0, spatialAxes);
        var result = Tensor.Uninitialized(DType.Float32, shape);
        var src = kernel.Floats;
        var dst = result.Floats;
        var index = new int[spatialAxes];
        for (var p = 0; p < positions; p++)
        {
            // Position p's multi-index, mirrored on every spatial axis.
            var rest = p;
            var mirrored = 0;
            for (var a = spatialAxes - 1; a >= 0; a--)
            {
                index[a] = rest % shape[a];
                rest /= shape[a];
            }
            for (var a = 0; a < spatialAxes; a++) mirrored = mirrored * shape[a] + (shape[a] - 1 - index[a]);
            src.Slice(p * inner, inner).CopyTo(dst.Slice(mirrored * inner, inner));
        }
        return result;
    }
}
