using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

public class DepthToSpaceTests
{
    /// <summary>A spatial tensor [N, C, H, W] described by its parts, the block size, layout and channel order.</summary>
    public sealed record Problem(int N, int C, int H, int W, int Block, Layout Layout, DepthToSpaceMode Mode)
    {
        public int[] SpaceShape => Layout == Layout.Nchw ? [N, C, H * Block, W * Block] : [N, H * Block, W * Block, C];

        public int[] DepthShape => Layout == Layout.Nchw ? [N, C * Block * Block, H, W] : [N, H, W, C * Block * Block];

        public int Count => N * C * H * W * Block * Block;
    }

    public static class Arbitraries
    {
        public static Arbitrary<Problem> Problems() =>
            (from n in Gen.Choose(1, 2)
             from c in Gen.Choose(1, 4)
             from h in Gen.Choose(1, 4)
             from w in Gen.Choose(1, 4)
             from block in Gen.Choose(1, 3)
             from layout in Gen.Elements(Layout.Nhwc, Layout.Nchw)
             from mode in Gen.Elements(DepthToSpaceMode.Dcr, DepthToSpaceMode.Crd)
             select new Problem(n, c, h, w, block, layout, mode)).ToArbitrary();
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void Optimized_equals_reference_and_space_to_depth_inverts_it(Problem p)
    {
        var depth = Enumerable.Range(0, p.Count).Select(i => (float)i).ToArray();
        var (expected, actual) = (new float[p.Count], new float[p.Count]);
        Ref.DepthToSpace.Run<float>(depth, p.DepthShape, p.Layout, p.Block, p.Mode, expected);
        DepthToSpace.Run<float>(depth, p.DepthShape, p.Layout, p.Block, p.Mode, actual);
        Assert.Equal(expected, actual);
        Assert.Equal(new Shape(p.SpaceShape), DepthToSpace.OutputShape(new Shape(p.DepthShape), p.Layout, p.Block));

        var (back, refBack) = (new float[p.Count], new float[p.Count]);
        SpaceToDepth.Run<float>(actual, p.SpaceShape, p.Layout, p.Block, p.Mode, back);
        Ref.SpaceToDepth.Run<float>(actual, p.SpaceShape, p.Layout, p.Block, p.Mode, refBack);
        Assert.Equal(depth, back);
        Assert.Equal(depth, refBack);
    }

    [Fact]
    public void Core_ml_proto_example_depth_to_space_is_dcr_and_pixel_shuffle_is_crd()
    {
        // NeuralNetwork.proto ReorganizeDataLayerParams: input [C=8, H=1, W=2] = [[[1 2]] [[3 4]] ... [[15 16]]], block 2.
        var input = Enumerable.Range(1, 16).Select(i => (float)i).ToArray();
        var output = new float[16];
        DepthToSpace.Run<float>(input, [1, 8, 1, 2], Layout.Nchw, 2, DepthToSpaceMode.Dcr, output);
        // DEPTH_TO_SPACE: [[[1 5 2 6] [9 13 10 14]] [[3 7 4 8] [11 15 12 16]]]
        Assert.Equal([1f, 5, 2, 6, 9, 13, 10, 14, 3, 7, 4, 8, 11, 15, 12, 16], output);
        DepthToSpace.Run<float>(input, [1, 8, 1, 2], Layout.Nchw, 2, DepthToSpaceMode.Crd, output);
        // PIXEL_SHUFFLE: [[[1 3 2 4] [5 7 6 8]] [[9 11 10 12] [13 15 14 16]]]
        Assert.Equal([1f, 3, 2, 4, 5, 7, 6, 8, 9, 11, 10, 12, 13, 15, 14, 16], output);
    }

    [Fact]
    public void One_output_channel_makes_dcr_and_crd_agree()
    {
        // NHWC [1,1,1,4] with block 2: C' = 1, so both orders put channel by*2+bx at block (by, bx): [[1,2],[3,4]].
        var (dcr, crd) = (new float[4], new float[4]);
        DepthToSpace.Run<float>([1, 2, 3, 4], [1, 1, 1, 4], Layout.Nhwc, 2, DepthToSpaceMode.Dcr, dcr);
        DepthToSpace.Run<float>([1, 2, 3, 4], [1, 1, 1, 4], Layout.Nhwc, 2, DepthToSpaceMode.Crd, crd);
        Assert.Equal([1f, 2, 3, 4], dcr);
        Assert.Equal(dcr, crd);
    }

    [Fact]
    public void Two_output_channels_tell_dcr_from_crd_in_nhwc()
    {
        // NHWC [1,1,1,8], block 2, C' = 2. Output [1,2,2,2] listed as (y, x, c).
        // DCR: channel (by*2+bx)*2 + c -> pixel (0,0) = ch 0,1; (0,1) = ch 2,3; (1,0) = ch 4,5; (1,1) = ch 6,7.
        // CRD: channel c*4 + by*2 + bx -> pixel (0,0) = ch 0,4; (0,1) = ch 1,5; (1,0) = ch 2,6; (1,1) = ch 3,7.
        float[] input = [0, 1, 2, 3, 4, 5, 6, 7];
        var output = new float[8];
        DepthToSpace.Run<float>(input, [1, 1, 1, 8], Layout.Nhwc, 2, DepthToSpaceMode.Dcr, output);
        Assert.Equal([0f, 1, 2, 3, 4, 5, 6, 7], output);
        DepthToSpace.Run<float>(input, [1, 1, 1, 8], Layout.Nhwc, 2, DepthToSpaceMode.Crd, output);
        Assert.Equal([0f, 4, 1, 5, 2, 6, 3, 7], output);
    }

    [Fact]
    public void Space_to_depth_of_a_2x2_image_by_hand()
    {
        // TF space_to_depth on NHWC [1,2,2,1] = [[1,2],[3,4]] with block 2 -> [1,1,1,4] = [1,2,3,4].
        var output = new float[4];
        SpaceToDepth.Run<float>([1, 2, 3, 4], [1, 2, 2, 1], Layout.Nhwc, 2, DepthToSpaceMode.Dcr, output);
        Assert.Equal([1f, 2, 3, 4], output);
    }

    [Fact]
    public void Indivisible_shapes_are_named()
    {
        var e = Assert.Throws<ArgumentException>(() => DepthToSpace.OutputShape(new Shape(1, 6, 2, 2), Layout.Nchw, 2));
        Assert.Contains("[1, 6, 2, 2]", e.Message);
        e = Assert.Throws<ArgumentException>(() => SpaceToDepth.OutputShape(new Shape(1, 3, 3, 1), Layout.Nhwc, 2));
        Assert.Contains("[1, 3, 3, 1]", e.Message);
    }
}
