using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Pooling;
using Parity.Engine.Ops.Pooling;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Pooling;

public class PoolingOpTests
{
    private static Tensor Run(IOperator op, Tensor input)
    {
        var type = op.InferOutputTypes([input.Type])[0];
        var output = Tensor.Uninitialized(type.DType, type.Shape);
        op.Execute([input], [output]);
        return output;
    }

    [Fact]
    public void Pooling2D_infers_the_layout_specific_shape()
    {
        // 2 channels, 4x4, max 2x2 stride 2: NCHW [1, 2, 4, 4] -> [1, 2, 2, 2]; channel 1 is channel 0 + 100.
        var data = Enumerable.Range(0, 16).Select(i => (float)i).Concat(Enumerable.Range(100, 16).Select(i => (float)i)).ToArray();
        using var x = Tensor.FromArray(data, 1, 2, 4, 4);
        using var y = Run(new Pooling2D(Layout.Nchw, new Pool2DParameters(PoolKind.Max, 2, 2, 2, 2, 0, 0, 0, 0)), x);
        Assert.Equal(new Shape(1, 2, 2, 2), y.Shape);
        // Window maxima of 0..15 laid out 4x4: 5, 7, 13, 15.
        Assert.Equal([5f, 7f, 13f, 15f, 105f, 107f, 113f, 115f], y.Floats.ToArray());
    }

    [Fact]
    public void Pooling2D_reports_pads_that_are_too_large()
    {
        var op = new Pooling2D(Layout.Nhwc, new Pool2DParameters(PoolKind.Average, 2, 2, 1, 1, 0, 0, 0, 2));
        var ex = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 4, 4, 3))]));
        Assert.Contains("smaller than the kernel width", ex.Message);
    }

    [Fact]
    public void Pooling1D_averages_excluding_padding()
    {
        // NWC [1, 3, 1] = [2, 4, 9], kernel 2 stride 1 pad left 1: windows {pad, 2}, {2, 4}, {4, 9} -> 2, 3, 6.5.
        using var x = Tensor.FromArray([2, 4, 9], 1, 3, 1);
        using var y = Run(new Pooling1D(Layout.Nhwc, PoolKind.Average, 2, 1, 1, 0, countPadding: false), x);
        Assert.Equal(new Shape(1, 3, 1), y.Shape);
        Assert.Equal([2f, 3f, 6.5f], y.Floats.ToArray());
    }

    [Fact]
    public void GlobalPooling_keeps_or_drops_spatial_axes()
    {
        // NHWC [1, 2, 1, 2]: channel 0 holds 1, 3 (mean 2), channel 1 holds 10, 20 (mean 15).
        using var x = Tensor.FromArray([1, 10, 3, 20], 1, 2, 1, 2);
        using var flat = Run(new GlobalPooling(Layout.Nhwc, PoolKind.Average, keepDims: false), x);
        Assert.Equal(new Shape(1, 2), flat.Shape);
        Assert.Equal([2f, 15f], flat.Floats.ToArray());
        using var kept = Run(new GlobalPooling(Layout.Nhwc, PoolKind.Max, keepDims: true), x);
        Assert.Equal(new Shape(1, 1, 1, 2), kept.Shape);
        Assert.Equal([3f, 20f], kept.Floats.ToArray());
    }
}
