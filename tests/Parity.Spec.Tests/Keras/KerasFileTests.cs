using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

public class KerasFileTests
{
    private static string MnistH5 => Path.Combine(RepositoryPaths.Examples, "mnist", "mnist.model.best.hdf5");

    [Fact]
    public void Full_model_h5_gives_version_backend_and_weights_in_file_order()
    {
        var file = KerasFile.Open(MnistH5);

        Assert.Equal("2.1.5", file.KerasVersion);
        Assert.Equal("tensorflow", file.Backend);
        Assert.Equal(11, file.Weights.Count);
        var conv = file.Weights["conv2d_1"];
        Assert.Equal(["kernel", "bias"], conv.Select(w => w.ShortName));
        Assert.Equal(new Engine.Tensors.Shape(3, 3, 1, 32), conv[0].Value.Shape);
        Assert.Empty(file.Weights["dropout_1"]);
        // The oracle (tfjs-layers) counted 158086 parameters in this file: shared/fixtures/oracle/.../summary.json.
        Assert.Equal(158086, file.Weights.Values.SelectMany(w => w).Sum(w => w.Value.Length));
    }

    [Fact]
    public void Sequential_config_gets_the_input_layer_keras_names_and_a_chain_of_calls()
    {
        var file = KerasFile.Open(MnistH5);
        var model = KerasModelConfig.Parse(file.ModelConfig, file.Path);

        Assert.Equal("Sequential", model.ClassName);
        Assert.Equal("conv2d_1_input", Assert.Single(model.Inputs).Layer);
        Assert.Equal("dense_2", Assert.Single(model.Outputs).Layer);
        Assert.Equal(12, model.Layers.Count);
        Assert.Equal("InputLayer", model.Layers[0].ClassName);
        var pool = model.Layers.Single(l => l.Name == "max_pooling2d_1");
        Assert.Equal("conv2d_1", Assert.Single(Assert.Single(pool.Calls).Inputs).Layer);
    }

    [Fact]
    public void Missing_file_and_non_hdf5_file_give_a_format_error_naming_the_file()
    {
        var missing = Assert.Throws<ModelFormatException>(() => KerasFile.Open("/nonexistent/model.h5"));
        Assert.Contains("/nonexistent/model.h5", missing.Message);

        var text = Path.GetTempFileName();
        try
        {
            File.WriteAllText(text, "this is not HDF5");
            var e = Assert.Throws<ModelFormatException>(() => KerasFile.Open(text));
            Assert.Contains(text, e.Message);
            Assert.Contains("HDF5", e.Message);
        }
        finally
        {
            File.Delete(text);
        }
    }
}
