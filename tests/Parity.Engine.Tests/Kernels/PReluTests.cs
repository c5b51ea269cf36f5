using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Tensors;
using Ref = Parity.Engine.Kernels.Reference.PRelu;

namespace Parity.Engine.Tests.Kernels;

public class PReluTests
{
    [Fact]
    public void Hand_computed_per_channel_values()
    {
        // NHWC [1, 1, 2, 2], alpha [0.1, 0.5]: channel is the last index.
        // [-10, -10, 3, -4] -> [-1, -5, 3, -2].
        var y = new float[4];
        PRelu.ApplyPerChannel([-10, -10, 3, -4], new Shape(1, 1, 2, 2), [0.1f, 0.5f], Layout.Nhwc, y);
        Assert.Equal([-1f, -5f, 3f, -2f], y);
        // NCHW [1, 2, 1, 2]: channel is axis 1, so the first two elements use 0.1 and the last two 0.5.
        // [-10, -10, 3, -4] -> [-1, -1, 3, -2].
        PRelu.ApplyPerChannel([-10, -10, 3, -4], new Shape(1, 2, 1, 2), [0.1f, 0.5f], Layout.Nchw, y);
        Assert.Equal([-1f, -1f, 3f, -2f], y);
    }

    public static Arbitrary<(int[] Dims, Layout Layout)> Problems() =>
        (from rank in Gen.Choose(2, 5)
         from dims in Gen.ArrayOf(Gen.Choose(1, 7), rank)
         from layout in Gen.Elements(Layout.Nhwc, Layout.Nchw)
         select (dims, layout)).ToArbitrary();

    [Property(MaxTest = 100)]
    public Property Per_channel_equals_the_reference_exactly() =>
        Prop.ForAll(Problems(), p =>
        {
            var shape = new Shape(p.Dims);
            var channels = p.Layout == Layout.Nhwc ? p.Dims[^1] : p.Dims[1];
            var rng = new Random(shape.GetHashCode());
            var x = ElementwiseTolerance.RandomValues(rng, shape.ElementCount);
            var alpha = ElementwiseTolerance.RandomValues(rng, channels, 1f);
            var expected = new float[x.Length];
            Ref.ApplyPerChannel(x, shape, alpha, p.Layout, expected);
            var actual = new float[x.Length];
            PRelu.ApplyPerChannel(x, shape, alpha, p.Layout, actual);
            Assert.Equal(expected, actual);
        });

    [Fact]
    public void Shared_axes_broadcast_alpha_and_work_in_place()
    {
        // Keras PReLU(shared_axes=[1, 2]) on [N, H, W, C] has alpha [1, 1, C].
        var shape = new Shape(3, 5, 7, 4);
        var alphaShape = new Shape(1, 1, 4);
        var rng = new Random(4);
        var x = ElementwiseTolerance.RandomValues(rng, shape.ElementCount);
        float[] alpha = [0.1f, 0.2f, 0.3f, -0.4f];
        var expected = new float[x.Length];
        Ref.Apply(x, shape, alpha, alphaShape, expected);
        PRelu.Apply(x, shape, alpha, alphaShape, x);
        Assert.Equal(expected, x);
    }

    [Fact]
    public void Rejects_alpha_that_would_grow_the_input()
    {
        var e = Assert.Throws<ArgumentException>(() => PRelu.Apply(new float[6], new Shape(2, 3), new float[12], new Shape(2, 2, 3), new float[6]));
        Assert.Contains("[2, 2, 3]", e.Message);
        Assert.Throws<ArgumentException>(() => PRelu.ApplyPerChannel(new float[6], new Shape(2, 3), new float[2], Layout.Nhwc, new float[6]));
    }
}
