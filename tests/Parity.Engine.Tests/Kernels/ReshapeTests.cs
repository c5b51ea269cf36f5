using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Kernels;

public class ReshapeTests
{
    private static readonly Shape S2x3x4 = new(2, 3, 4);

    [Theory]
    [InlineData(new[] { -1 }, new[] { 24 })]
    [InlineData(new[] { 4, -1 }, new[] { 4, 6 })]
    [InlineData(new[] { 2, -1, 3 }, new[] { 2, 4, 3 })]
    [InlineData(new[] { 1, 24, 1 }, new[] { 1, 24, 1 })]
    public void Minus_one_is_inferred(int[] target, int[] expected) =>
        Assert.Equal(new Shape(expected), ShapeTransforms.Reshape(S2x3x4, target));

    [Fact]
    public void Zero_copies_the_input_dimension_only_when_asked()
    {
        // ONNX allowzero=0 / MIL: [0, -1] on [2,3,4] keeps 2 and infers 12.
        Assert.Equal(new Shape(2, 12), ShapeTransforms.Reshape(S2x3x4, [0, -1], zeroCopiesDimension: true));
        Assert.Equal(new Shape(2, 3, 4), ShapeTransforms.Reshape(S2x3x4, [0, 0, 0], zeroCopiesDimension: true));
        // TF/NumPy: 0 is a literal empty axis, so -1 cannot be inferred from a product of 0.
        var e = Assert.Throws<ArgumentException>(() => ShapeTransforms.Reshape(S2x3x4, [0, -1]));
        Assert.Contains("[2, 3, 4]", e.Message);
        Assert.Contains("[0, -1]", e.Message);
    }

    [Fact]
    public void Errors_name_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => ShapeTransforms.Reshape(S2x3x4, [5, 5]));
        Assert.Contains("[2, 3, 4]", e.Message);
        Assert.Contains("[5, 5]", e.Message);
        Assert.Throws<ArgumentException>(() => ShapeTransforms.Reshape(S2x3x4, [-1, -1]));
        Assert.Throws<ArgumentException>(() => ShapeTransforms.Reshape(S2x3x4, [7, -1]));
        Assert.Throws<ArgumentException>(() => ShapeTransforms.Reshape(S2x3x4, [-2, 12]));
    }

    [Fact]
    public void Flatten_squeeze_expand_dims()
    {
        Assert.Equal(new Shape(1, 24), ShapeTransforms.Flatten(S2x3x4, 0));
        Assert.Equal(new Shape(6, 4), ShapeTransforms.Flatten(S2x3x4, 2));
        Assert.Equal(new Shape(24, 1), ShapeTransforms.Flatten(S2x3x4, 3));
        Assert.Throws<ArgumentException>(() => ShapeTransforms.Flatten(S2x3x4, 4));
        Assert.Equal(new Shape(3), ShapeTransforms.Squeeze(new Shape(1, 3, 1), []));
        Assert.Equal(new Shape(3, 1), ShapeTransforms.Squeeze(new Shape(1, 3, 1), [-3]));
        Assert.Equal(new Shape(1, 2, 3, 4), ShapeTransforms.ExpandDims(S2x3x4, [0]));
        Assert.Equal(new Shape(2, 3, 4, 1), ShapeTransforms.ExpandDims(S2x3x4, [-1]));
        Assert.Equal(new Shape(2, 1, 3, 1, 4), ShapeTransforms.ExpandDims(S2x3x4, [1, 3]));
        Assert.Throws<ArgumentException>(() => ShapeTransforms.ExpandDims(S2x3x4, [1, 1]));
    }
}
