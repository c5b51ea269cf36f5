using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Kernels.Concat"/>: each output element looks up which input its axis coordinate falls in.</summary>
public static class Concat
{
    public static void Run(IReadOnlyList<Tensor> inputs, int axis, Tensor output)
    {
        var a = output.Shape.Axis(axis);
        var size = output.DType.SizeOf();
        var outShape = output.Shape.Dims;
        for (var o = 0; o < output.Length; o++)
        {
            var index = RowMajorIndex.Unravel(o, outShape);
            var input = 0;
            while (index[a] >= inputs[input].Shape[a])
            {
                index[a] -= inputs[input].Shape[a];
                input++;
            }
            var src = inputs[input];
            var i = RowMajorIndex.Offset(index, RowMajorIndex.Strides(src.Shape.Dims));
            src.Bytes.Slice(i * size, size).CopyTo(output.Bytes.Slice(o * size, size));
        }
    }
}
