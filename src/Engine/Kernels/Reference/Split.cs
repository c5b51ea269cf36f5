using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Kernels.Split"/>: each output element reads the input at its axis coordinate plus the sizes of the earlier pieces.</summary>
public static class Split
{
    public static void Run(Tensor input, int axis, IReadOnlyList<Tensor> outputs)
    {
        var a = input.Shape.Axis(axis);
        var size = input.DType.SizeOf();
        var inStrides = RowMajorIndex.Strides(input.Shape.Dims);
        var before = 0;
        foreach (var output in outputs)
        {
            for (var o = 0; o < output.Length; o++)
            {
                var index = RowMajorIndex.Unravel(o, output.Shape.Dims);
                index[a] += before;
                var i = RowMajorIndex.Offset(index, inStrides);
                input.Bytes.Slice(i * size, size).CopyTo(output.Bytes.Slice(o * size, size));
            }
            before += output.Shape[a];
        }
    }
}
