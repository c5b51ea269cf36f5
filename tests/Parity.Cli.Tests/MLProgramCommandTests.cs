using Parity.Engine.Tensors;

namespace Parity.Cli.Tests;

/// <summary>`parity inspect` and `parity run` on an ML Program package (tests/fixtures/coreml/torch_small_cnn).</summary>
public class MLProgramCommandTests
{
    private static string Package(string name) => Path.Combine(CliRunner.Repository, "tests", "fixtures", "coreml", "torch_small_cnn", name);

    [Fact]
    public void Inspect_shows_the_opset_precision_op_shapes_and_weights()
    {
        var (code, output, error) = CliRunner.Run("inspect", Package("SmallCNN_fp16.mlpackage"));

        Assert.True(code == ExitCodes.Agree, error);
        Assert.Contains("mlProgram", output);
        Assert.Contains("CoreML5", output);
        Assert.Contains("fp16", output);
        Assert.Contains("conv", output);
        // Conv2d(3, 8, 3, padding=1) on 32x32 keeps the size.
        Assert.Contains("[1, 8, 32, 32]", output);
        // Weights read by ops (BatchNorm folded into the convs by the converter): conv1 8*3*3*3 + 8, conv2 16*8*3*3 + 16,
        // fc 10*1024 + 10 = 224 + 1168 + 10250 = 11642.
        Assert.Contains("11,642", output);
    }

    [Fact]
    public void Run_uses_the_models_precision_and_fp32_changes_the_outputs()
    {
        var half = Path.Combine(Path.GetTempPath(), $"parity-mil-{Guid.NewGuid():N}");
        var single = half + "-fp32";
        try
        {
            var (code, output, error) = CliRunner.Run("run", Package("SmallCNN_fp16.mlpackage"), "--seed", "3", "--output", half);
            Assert.True(code == ExitCodes.Agree, error);
            Assert.Contains("fp16", output);
            Assert.Contains("[1, 10]", output);

            var (again, fp32Output, fp32Error) = CliRunner.Run("run", Package("SmallCNN_fp16.mlpackage"), "--seed", "3", "--output", single, "--precision", "fp32");
            Assert.True(again == ExitCodes.Agree, fp32Error);
            Assert.Contains("fp32", fp32Output);

            using var a = Npy.Read(Path.Combine(half, "logits.npy"));
            using var b = Npy.Read(Path.Combine(single, "logits.npy"));
            Assert.Equal(new Shape(1, 10), a.Shape);
            Assert.False(a.ContentEquals(b), "an fp16 run and an fp32 run of the fp16 program gave identical logits");
        }
        finally
        {
            foreach (var folder in new[] { half, single })
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void An_unknown_precision_is_a_usage_error()
    {
        var (code, _, _) = CliRunner.Run("run", Package("SmallCNN_fp32.mlpackage"), "--precision", "fp8");

        Assert.Equal(ExitCodes.BadInput, code);
    }
}
