using Parity.Engine.Graph;
using Parity.Engine.Kernels.Pooling;
using Parity.Engine.Ops.Pooling;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Pooling;

public class Pooling3DOpTests
{
    [Fact]
    public void Max_pooling_infers_the_shape_and_runs()
    {
        // NeuralNetwork.proto's Pooling3D example: 1..18 as [1, 1, 2, 3, 3], a 2x2x2 max with stride 1 -> [14, 15, 17, 18].
        var op = new Pooling3D(new Pool3DParameters(PoolKind.Max, 2, 2, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0));
        using var input = Tensor.FromArray(Enumerable.Range(1, 18).Select(v => (float)v).ToArray(), 1, 1, 2, 3, 3);
        var type = Assert.Single(op.InferOutputTypes([input.Type]));
        Assert.Equal(new Shape(1, 1, 1, 2, 2), type.Shape);
        using var output = Tensor.Uninitialized(type.DType, type.Shape);
        op.Execute([input], [output]);
        Assert.Equal([14f, 15f, 17f, 18f], output.Floats.ToArray());
    }

    [Fact]
    public void A_window_larger_than_the_volume_or_a_wrong_rank_names_the_input()
    {
        var op = new Pooling3D(new Pool3DParameters(PoolKind.Average, 3, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0));
        var small = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 2, 2, 5, 5))]));
        Assert.Contains("[1, 2, 2, 5, 5]", small.Message);
        var rank = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 2, 5, 5))]));
        Assert.Contains("rank-5", rank.Message);
    }
}
