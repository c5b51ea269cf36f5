using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>resize_bilinear modes, resize_nearest_neighbor and the block rearrangements, by hand.</summary>
public class MilResizeOpsTests
{
    [Theory]
    [InlineData("DEFAULT", new[] { 0f, 2f, 4f, 4f })]                          // src = dst·2/4 = 0, 0.5, 1, 1.5 (clamped to 1)
    [InlineData("STRICT_ALIGN_CORNERS", new[] { 0f, 4f / 3, 8f / 3, 4f })]     // src = dst·1/3
    [InlineData("UNALIGN_CORNERS", new[] { 0f, 1f, 3f, 4f })]                  // src = (dst + 0.5)/2 - 0.5 = -0.25 (clamped), 0.25, 0.75, 1.25 (clamped)
    public void Resize_bilinear_samples_by_its_mode(string mode, float[] expected)
    {
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 1, 1, 1, 2)
            .Op("resize_bilinear", "y", DataType.Float32, [1, 1, 1, 4], ("x", "x"), ("target_size_height", Int(1)), ("target_size_width", Int(4)), ("sampling_mode", String(mode)))
            .Output("y")
            .Run(new() { ["x"] = Data([1, 1, 1, 2], 0, 4) });
        MilNormalizationOpsTests.AssertClose(expected, output["y"], 1e-6);
    }

    [Fact]
    public void Resize_nearest_neighbor_takes_floor_of_dst_times_in_over_out()
    {
        // Width 3 -> 5: src = floor(dst·3/5) = 0, 0, 1, 1, 2.
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 1, 1, 3)
            .Op("resize_nearest_neighbor", "y", DataType.Float32, [1, 1, 5], ("x", "x"), ("target_size_height", Int(1)), ("target_size_width", Int(5)))
            .Output("y")
            .Run(new() { ["x"] = Data([1, 1, 3], 10, 11, 12) });
        Assert.Equal([10f, 10f, 11f, 11f, 12f], output["y"]);
    }

    [Fact]
    public void Pixel_shuffle_uses_pytorch_order_and_depth_to_space_tensorflow_order()
    {
        // Input channels 0..7, factor 2, two output channels of 2 x 2.
        // pixel_shuffle (CRD): out[c][r][k] = in[c·4 + r·2 + k] -> 0..7 in order.
        // depth_to_space (DCR): out[c][r][k] = in[(r·2 + k)·2 + c] -> c0: 0, 2, 4, 6; c1: 1, 3, 5, 7.
        var output = new MilTestProgram("CoreML6")
            .Input("x", DataType.Float32, 1, 8, 1, 1)
            .Op("pixel_shuffle", "p", DataType.Float32, [1, 2, 2, 2], ("x", "x"), ("upscale_factor", Int(2)))
            .Op("depth_to_space", "d", DataType.Float32, [1, 2, 2, 2], ("x", "x"), ("block_size", Int(2)))
            .Op("pixel_unshuffle", "pu", DataType.Float32, [1, 8, 1, 1], ("x", "p"), ("downscale_factor", Int(2)))
            .Op("space_to_depth", "sd", DataType.Float32, [1, 8, 1, 1], ("x", "d"), ("block_size", Int(2)))
            .Output("p", "d", "pu", "sd")
            .Run(new() { ["x"] = Data([1, 8, 1, 1], 0, 1, 2, 3, 4, 5, 6, 7) });
        Assert.Equal([0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f], output["p"]);
        Assert.Equal([0f, 2f, 4f, 6f, 1f, 3f, 5f, 7f], output["d"]);
        Assert.Equal([0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f], output["pu"]);
        Assert.Equal([0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f], output["sd"]);
    }
}
