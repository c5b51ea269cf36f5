using Parity.Engine.Tensors;
using Parity.Spec.Keras;
using PureHDF;

namespace Parity.Spec.Tests.Keras;

/// <summary>Integer weight datasets in a Keras .h5 file: an adapted Normalization layer keeps its sample count as int64.</summary>
public class KerasIntegerWeightTests
{
    [Fact]
    public void An_adapted_Normalization_layer_reads_and_runs_beside_its_int64_count()
    {
        // The layout tf.keras 2 writes after adapt(): mean and variance as float32, count as an int64 scalar.
        // y = (x - mean) / max(sqrt(variance), 1e-7): mean [1, 2], variance [4, 0.25], x [3, 3] -> [(3 - 1) / 2, (3 - 2) / 0.5] = [1, 2].
        const string config = """
            {"class_name": "Sequential", "config": {"name": "model", "layers": [
              {"class_name": "Normalization", "config": {"name": "norm", "batch_input_shape": [1, 2], "dtype": "float32", "axis": [-1]}}]}}
            """;
        var path = Path.Combine(Path.GetTempPath(), $"parity-norm-{Guid.NewGuid():N}.h5");
        var file = new H5File
        {
            ["model_weights"] = new H5Group
            {
                ["norm"] = new H5Group
                {
                    ["norm"] = new H5Group
                    {
                        ["mean:0"] = new H5Dataset(new float[] { 1, 2 }),
                        ["variance:0"] = new H5Dataset(new float[] { 4, 0.25f }),
                        ["count:0"] = new H5Dataset(10L),
                    },
                    Attributes = { ["weight_names"] = new[] { "norm/mean:0", "norm/variance:0", "norm/count:0" } },
                },
                Attributes = { ["layer_names"] = new[] { "norm" }, ["keras_version"] = "2.11.0", ["backend"] = "tensorflow" },
            },
            Attributes = { ["model_config"] = config, ["keras_version"] = "2.11.0", ["backend"] = "tensorflow" },
        };
        try
        {
            file.Write(path);
            var keras = KerasFile.Open(path);
            Assert.Equal(10f, keras.Weights["norm"][2].Value.Floats[0]);
            using var x = Tensor.FromArray([3, 3], 1, 2);
            var (values, _) = KerasOneLayerModel.Run(keras, x);
            KerasOneLayerModel.AssertClose([1, 2], values);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
