using Parity.Spec;
using Parity.Validation.Comparison;
using Parity.Validation.Diagnosis;

namespace Parity.Validation.Tests.Diagnosis;

public class ImageHypothesesTests
{
    private static InputPreprocessing Pipeline(string mode, ImageInput converted) => SourcePreprocessing.For(mode, converted);

    [Fact]
    public void Swapped_red_and_blue_biases_are_named_as_such()
    {
        var converted = new ImageInput("RGB", 1f / 255, [-0.3f, -0.4f, -0.5f]);
        var bias = Assert.Single(ImageHypotheses.For("image", converted, Pipeline("scale=0.00392157,bias=-0.5,-0.4,-0.3", converted)), h => h.Cause == DiagnosisCause.ImageBias);
        Assert.Contains("red and blue biases are swapped", bias.Change);
    }

    [Fact]
    public void Biases_a_BGR_model_declares_in_its_own_order_are_not_suspected()
    {
        // BGR declares biases as B, G, R: [-0.3, -0.4, -0.5] is R = -0.5, G = -0.4, B = -0.3, the source's own.
        var converted = new ImageInput("BGR", 0.00392157f, [-0.3f, -0.4f, -0.5f]);
        var hypotheses = ImageHypotheses.For("image", converted, Pipeline("scale=0.00392157,bias=-0.5,-0.4,-0.3", converted)).ToList();
        Assert.Equal([DiagnosisCause.ChannelOrder], hypotheses.Select(h => h.Cause));
    }

    [Fact]
    public void A_scale_applied_twice_and_a_missing_scale_are_told_apart()
    {
        var twice = new ImageInput("GRAYSCALE", 1f / 255 / 255, [0f]);
        Assert.Contains("applied twice", ImageHypotheses.For("image", twice, Pipeline("unit", twice)).Single().Change);

        var missing = new ImageInput("GRAYSCALE", 1, [0f]);
        Assert.Contains("does not scale pixels", ImageHypotheses.For("image", missing, Pipeline("unit", missing)).Single().Change);
    }

    [Fact]
    public void Without_a_stated_source_pipeline_only_the_channel_order_is_suspected()
    {
        var converted = new ImageInput("RGB", 2, [1f, 2f, 3f]);
        Assert.Equal([DiagnosisCause.ChannelOrder], ImageHypotheses.For("image", converted, null).Select(h => h.Cause));
        Assert.Empty(ImageHypotheses.For("image", new ImageInput("GRAYSCALE", 2, [1f]), null));
    }
}
