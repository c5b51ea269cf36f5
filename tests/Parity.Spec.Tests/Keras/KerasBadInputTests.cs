using System.Text.Json.Nodes;
using Parity.Engine.Tensors;
using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

/// <summary>Bad configs and weights give one clear error naming the file and the layer; unknown layers leave the rest runnable.</summary>
public class KerasBadInputTests
{
    private static KerasFile Model(string layersJson, Dictionary<string, IReadOnlyList<KerasWeight>> weights) =>
        new("model.h5", "2.2.4", "tensorflow",
            JsonNode.Parse($$$"""{"class_name": "Sequential", "config": {"name": "s", "layers": {{{layersJson}}}}}""")!.AsObject(),
            weights);

    [Fact]
    public void A_config_that_is_not_json_names_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parity-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ this is not json");
        try
        {
            var weights = Path.Combine(RepositoryPaths.Examples, "mnist", "mnist.model.best.hdf5");
            var e = Assert.Throws<ModelFormatException>(() => KerasFile.Open(weights, path));
            Assert.Contains(path, e.Message);
            Assert.Contains("JSON", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_weight_of_the_wrong_shape_names_the_layer_and_both_shapes()
    {
        var file = Model("""[{"class_name": "Dense", "config": {"name": "d", "units": 3, "batch_input_shape": [null, 4]}}]""",
            new() { ["d"] = [new KerasWeight("d/kernel:0", Tensor.Zeros(5, 3)), new KerasWeight("d/bias:0", Tensor.Zeros(3))] });

        var e = Assert.Throws<ModelFormatException>(() => KerasGraphReader.Read(file));
        Assert.Contains("layer 'd' (Dense)", e.Message);
        Assert.Contains("[5, 3]", e.Message);
        Assert.Contains("[4, 3]", e.Message);
    }

    [Fact]
    public void A_missing_weight_names_the_layer()
    {
        var file = Model("""[{"class_name": "Dense", "config": {"name": "d", "units": 3, "batch_input_shape": [null, 4]}}]""",
            new() { ["d"] = [] });

        var e = Assert.Throws<ModelFormatException>(() => KerasGraphReader.Read(file));
        Assert.Contains("layer 'd' (Dense)", e.Message);
    }

    [Fact]
    public void A_lambda_layer_is_named_unsupported_and_the_graph_before_it_still_runs()
    {
        var file = Model("""
            [{"class_name": "Dense", "config": {"name": "d", "units": 2, "use_bias": false, "batch_input_shape": [null, 2]}},
             {"class_name": "Lambda", "config": {"name": "l"}}]
            """,
            new() { ["d"] = [new KerasWeight("d/kernel:0", Tensor.FromArray([1, 2, 3, 4], 2, 2))], ["l"] = [] });

        var e = Assert.Throws<UnsupportedLayerException>(() => KerasGraphReader.Read(file));
        Assert.Equal("l", e.Layer.Name);
        Assert.Contains("Python code", e.Message);

        // With a second output before the Lambda, the model is built up to it and the Lambda is listed.
        var functional = new KerasFile("model.h5", "2.2.4", "tensorflow", JsonNode.Parse("""
            {"class_name": "Model", "config": {"name": "m",
              "layers": [
                {"name": "x", "class_name": "InputLayer", "config": {"name": "x", "batch_input_shape": [null, 2]}, "inbound_nodes": []},
                {"name": "d", "class_name": "Dense", "config": {"name": "d", "units": 2, "use_bias": false}, "inbound_nodes": [[["x", 0, 0, {}]]]},
                {"name": "l", "class_name": "Lambda", "config": {"name": "l"}, "inbound_nodes": [[["d", 0, 0, {}]]]}],
              "input_layers": [["x", 0, 0]], "output_layers": [["d", 0, 0], ["l", 0, 0]]}}
            """)!.AsObject(),
            new Dictionary<string, IReadOnlyList<KerasWeight>> { ["d"] = [new KerasWeight("d/kernel:0", Tensor.FromArray([1, 2, 3, 4], 2, 2))], ["l"] = [] });
        var model = KerasGraphReader.Read(functional);
        Assert.Equal("l", Assert.Single(model.Unsupported).Name);
        using var x = Tensor.FromArray([1, 1], 1, 2);
        using var result = model.Graph.Compile().Run(new Dictionary<string, Tensor> { ["x"] = x });
        // [1, 1] x [[1, 2], [3, 4]] = [4, 6]
        Assert.Equal([4f, 6f], result.Outputs["d"].Floats.ToArray());
    }
}
