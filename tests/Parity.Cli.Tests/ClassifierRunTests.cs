using System.Globalization;
using System.Text.Json;
using Parity.Engine.Tensors;

namespace Parity.Cli.Tests;

/// <summary>`parity run` on classifiers: the predicted label in the console and classifier.json beside the probability tensor.</summary>
public class ClassifierRunTests
{
    private static string MnistMlmodel => Path.Combine(CliRunner.Repository, "examples", "mnist", "MNIST.mlmodel");

    private static string PipelineCase => Path.Combine(CliRunner.Repository, "tests", "fixtures", "coreml", "sklearn_scaler_logreg_pipeline");

    [Fact]
    public void Mnist_writes_the_most_probable_string_label_and_every_label_probability()
    {
        var folder = NewFolder();
        try
        {
            var (code, output, error) = CliRunner.Run("run", MnistMlmodel, "--seed", "3", "--output", folder);
            Assert.True(code == ExitCodes.Agree, error);
            Assert.Contains("Wrote 2 file(s)", output);

            using var probabilities = Npy.Read(Path.Combine(folder, "output.npy"));
            var values = probabilities.Floats.ToArray();
            var best = Array.IndexOf(values, values.Max());
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "classifier.json")));
            var root = json.RootElement;
            Assert.Equal("classLabel", root.GetProperty("labelOutput").GetString());
            Assert.Equal("output", root.GetProperty("probabilityOutput").GetString());
            var prediction = Assert.Single(root.GetProperty("predictions").EnumerateArray());
            // MNIST's labels are the strings "0".."9", in probability order: the label of the largest probability is its index.
            Assert.Equal(best.ToString(CultureInfo.InvariantCulture), prediction.GetProperty("label").GetString());
            Assert.Equal(values[best], prediction.GetProperty("probability").GetDouble(), 6);
            var dictionary = prediction.GetProperty("probabilities").EnumerateObject().ToList();
            Assert.Equal(Enumerable.Range(0, 10).Select(k => k.ToString(CultureInfo.InvariantCulture)), dictionary.Select(p => p.Name));
            Assert.Equal(values.Select(v => (double)v), dictionary.Select(p => p.Value.GetDouble()), (a, b) => Math.Abs(a - b) < 1e-6);

            // The console table names the label output and shows the label with its probability.
            Assert.Contains("classLabel", output);
            Assert.Matches($@"\s{best}\s+{values[best].ToString("G6", CultureInfo.InvariantCulture).Replace(".", @"\.", StringComparison.Ordinal)}\s", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_pipeline_classifier_with_int64_labels_predicts_scikit_learns_class_for_every_row()
    {
        var folder = NewFolder();
        try
        {
            var input = Path.Combine(PipelineCase, "input.npy");
            var (code, output, error) = CliRunner.Run("run", Path.Combine(PipelineCase, "model.mlmodel"), "--input", $"input={input}", "--output", folder);
            Assert.True(code == ExitCodes.Agree, error);
            Assert.Contains("[30, 3]", output);
            Assert.Contains("10 more rows", output); // 20 of the 30 predictions are shown

            using var expected = Npy.Read(Path.Combine(PipelineCase, "ref_predict.npy"));
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "classifier.json")));
            var predictions = json.RootElement.GetProperty("predictions").EnumerateArray().ToList();
            // Int64 labels are JSON numbers.
            Assert.Equal(expected.Span<long>().ToArray(), predictions.Select(p => p.GetProperty("label").GetInt64()));
            Assert.All(predictions, p => Assert.Equal(["0", "1", "2"], p.GetProperty("probabilities").EnumerateObject().Select(e => e.Name)));
            Assert.True(File.Exists(Path.Combine(folder, "classProbability.npy")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Classifier_json_is_not_replaced_without_overwrite()
    {
        var folder = NewFolder();
        try
        {
            File.WriteAllText(Path.Combine(folder, "classifier.json"), "mine");
            var (code, _, error) = CliRunner.Run("run", MnistMlmodel, "--output", folder);
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains("classifier.json", error);
            Assert.Equal("mine", File.ReadAllText(Path.Combine(folder, "classifier.json")));
            Assert.False(File.Exists(Path.Combine(folder, "output.npy")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Inspect_shows_the_pipeline_stages_and_their_class_labels()
    {
        var (code, output, error) = CliRunner.Run("inspect", Path.Combine(PipelineCase, "model.mlpackage"));
        Assert.True(code == ExitCodes.Agree, error);
        Assert.Contains("Stages: 1. scaler -> 2. glmClassifier", output);
        Assert.Contains("Class labels: 3 (0, 1, 2)", output);
        // Scaler: 4 shifts + 4 scales; GLM: 3 rows of 4 weights + 3 offsets.
        Assert.Contains("Total params: 23", output);
    }

    private static string NewFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parity-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
