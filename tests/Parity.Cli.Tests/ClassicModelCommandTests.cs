using System.Text.Json;
using Parity.Engine.Tensors;

namespace Parity.Cli.Tests;

/// <summary>`parity run` and `inspect` on the bundled tree ensemble and SVM conversions (tests/fixtures/coreml).</summary>
public class ClassicModelCommandTests
{
    private static string Bundled(string name) => Path.Combine(CliRunner.Repository, "tests", "fixtures", "coreml", name, "model.mlmodel");

    [Fact]
    public void Run_writes_the_xgboost_classifiers_label_and_probabilities()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"parity-xgboost-{Guid.NewGuid():N}");
        try
        {
            var (code, output, error) = CliRunner.Run("run", Bundled("xgboost_classifier"), "--output", folder);
            Assert.True(code == ExitCodes.Agree, output + error);
            Assert.Contains("classProbability", output);
            Assert.Contains("[1, 3]", output);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "classifier.json")));
            Assert.Equal("target", json.RootElement.GetProperty("labelOutput").GetString());
            var prediction = Assert.Single(json.RootElement.GetProperty("predictions").EnumerateArray());
            Assert.Contains(prediction.GetProperty("label").GetInt64(), new long[] { 0, 1, 2 });
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Run_on_an_iris_row_given_per_feature_predicts_xgboosts_label()
    {
        var root = Environment.GetEnvironmentVariable("PARITY_FIXTURES");
        var source = root is { Length: > 0 } ? Path.Combine(root, "generated", "xgboost_classifier") : null;
        if (source is null || !Directory.Exists(source)) Assert.Skip("PARITY_FIXTURES is not set or has no generated/xgboost_classifier.");
        var folder = Path.Combine(Path.GetTempPath(), $"parity-xgboost-row-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            using var rows = Npy.Read(Path.Combine(source, "input.npy"));
            using var labels = Npy.Read(Path.Combine(source, "ref_label.npy"));
            var arguments = new List<string> { "run", Path.Combine(source, "model.mlmodel"), "--output", Path.Combine(folder, "out") };
            // Row 3: each of the four columns goes to its own scalar feature f0..f3, as coremltools' xgboost conversion declares them.
            const int Row = 3;
            for (var f = 0; f < 4; f++)
            {
                var file = Path.Combine(folder, $"f{f}.npy");
                using var value = Tensor.FromArray([(float)rows.Span<double>()[Row * 4 + f]], 1);
                Npy.Write(file, value);
                arguments.AddRange(["--input", $"f{f}={file}"]);
            }
            var (code, output, error) = CliRunner.Run([.. arguments]);
            Assert.True(code == ExitCodes.Agree, output + error);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "out", "classifier.json")));
            var prediction = Assert.Single(json.RootElement.GetProperty("predictions").EnumerateArray());
            Assert.Equal(labels.Span<long>()[Row], prediction.GetProperty("label").GetInt64());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Inspect_shows_the_svms_libsvm_label_order_and_output_shape()
    {
        var (code, output, error) = CliRunner.Run("inspect", Bundled("libsvm_c_svc"));
        Assert.True(code == ExitCodes.Agree, output + error);
        Assert.Contains("supportVectorClassifier", output);
        Assert.Contains("3 (2, 0, 1)", output);
        Assert.Contains("[1, 3]", output);
    }

    [Theory]
    [InlineData("libsvm_epsilon_svr")]
    [InlineData("xgboost_regressor")]
    [InlineData("sklearn_random_forest")]
    [InlineData("sklearn_svc_rbf")]
    public void Run_executes_the_other_classic_conversions(string name)
    {
        var (code, output, error) = CliRunner.Run("run", Bundled(name));
        Assert.True(code == ExitCodes.Agree, output + error);
    }
}
