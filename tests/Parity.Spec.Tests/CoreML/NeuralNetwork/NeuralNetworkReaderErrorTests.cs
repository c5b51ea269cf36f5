using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;
using static Parity.Spec.Tests.CoreML.NeuralNetworkModels;

namespace Parity.Spec.Tests.CoreML;

/// <summary>Malformed networks fail with a ModelFormatException naming the layer and field; unknown layers are recorded, not fatal.</summary>
public class NeuralNetworkReaderErrorTests
{
    private static ModelFormatException ReadFails(Model model)
    {
        using var temp = new TemporaryDirectory();
        var path = Write(temp, model);
        return Assert.Throws<ModelFormatException>(() => CoreMLGraphReader.Read(path));
    }

    private static NeuralNetworkLayer Dense(string name, ulong inputs, ulong outputs, WeightParams weights)
    {
        var layer = Layer(name, "x", "out");
        layer.InnerProduct = new InnerProductLayerParams { InputChannels = inputs, OutputChannels = outputs, Weights = weights };
        return layer;
    }

    [Fact]
    public void A_layer_reading_a_blob_nobody_produces_names_the_layer_and_the_blob()
    {
        var e = ReadFails(Network([ArrayInput("x", 2)], ["out"], Identity("lonely", "ghost", "out")));
        Assert.Contains("lonely", e.Location);
        Assert.Contains("'ghost'", e.Problem);
    }

    [Fact]
    public void Weight_counts_not_matching_the_declared_shape_name_the_field()
    {
        var e = ReadFails(Network([ArrayInput("x", 2)], ["out"], Dense("fc", 2, 3, Floats(1, 2, 3))));
        Assert.Contains("'fc'", e.Location);
        Assert.Contains("innerProduct.weights", e.Location);
        Assert.Contains("6", e.Problem);
    }

    [Fact]
    public void Absurd_sizes_are_refused_before_allocating()
    {
        var e = ReadFails(Network([ArrayInput("x", 2)], ["out"], Dense("huge", 2, 1UL << 40, Floats(1))));
        Assert.Contains("innerProduct.outputChannels", e.Location);
    }

    [Fact]
    public void A_custom_layer_is_recorded_by_name_and_the_rest_is_still_built()
    {
        var custom = Layer("mine", "x", "custom_out");
        custom.Custom = new CustomLayerParams { ClassName = "MyLayer" };
        var after = Identity("after_custom", "custom_out", "skipped");
        using var temp = new TemporaryDirectory();
        var model = CoreMLGraphReader.Read(Write(temp, Network([ArrayInput("x", 2)], ["out", "skipped"], custom, after, Identity("fine", "x", "out"))));

        var unsupported = Assert.Single(model.Unsupported);
        Assert.Equal(("mine", "custom"), (unsupported.Name, unsupported.Type));
        Assert.Contains("MyLayer", unsupported.Reason);
        Assert.Equal([model.Blobs["out"]], model.Graph.Outputs);
        Assert.False(model.Blobs.ContainsKey("skipped"));
    }
}
