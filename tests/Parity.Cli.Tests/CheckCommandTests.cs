using System.Text.Json;

namespace Parity.Cli.Tests;

public class CheckCommandTests
{
    [Fact]
    public void Diff_of_a_model_with_itself_agrees_on_every_layer_by_name()
    {
        var folder = NewFolder();
        try
        {
            var json = Path.Combine(folder, "report.json");
            var (code, output, error) = CliRunner.Run("diff", CliRunner.MnistH5, CliRunner.MnistH5, "--report", json, "--samples", "2");
            Assert.True(code == ExitCodes.Agree, error + output);
            Assert.Contains("AGREE", output);

            using var report = JsonDocument.Parse(File.ReadAllText(json));
            var pairs = report.RootElement.GetProperty("pairs").EnumerateArray().ToList();
            // The MNIST CNN has 11 layers after its input (see RunCommandTests' layer dump).
            Assert.Equal(11, pairs.Count);
            Assert.All(pairs, p =>
            {
                Assert.Equal("name", p.GetProperty("matchedBy").GetString());
                Assert.Equal(p.GetProperty("a").GetString(), p.GetProperty("b").GetString());
                Assert.Equal(0, p.GetProperty("metrics").GetProperty("maxAbsError").GetDouble());
            });
            Assert.Empty(report.RootElement.GetProperty("unmatched").GetProperty("a").EnumerateArray());
            Assert.Empty(report.RootElement.GetProperty("unmatched").GetProperty("b").EnumerateArray());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Check_writes_every_report_type_and_refuses_to_replace_them()
    {
        var folder = NewFolder();
        try
        {
            string[] files = ["r.json", "r.md", "r.html", "r.xml"];
            var args = new List<string> { "check", CliRunner.MnistH5, CliRunner.MnistH5, "--layers", "outputs" };
            foreach (var f in files) args.AddRange(["--report", Path.Combine(folder, f)]);
            var (code, output, error) = CliRunner.Run(args.ToArray());
            Assert.True(code == ExitCodes.Agree, error + output);
            Assert.All(files, f => Assert.True(File.Exists(Path.Combine(folder, f)), f));
            Assert.Contains("dense_2 (output)", output);

            var before = File.ReadAllText(Path.Combine(folder, "r.md"));
            var again = CliRunner.Run(args.ToArray());
            Assert.Equal(ExitCodes.BadInput, again.ExitCode);
            Assert.Contains("--overwrite", again.Error);
            Assert.Equal(before, File.ReadAllText(Path.Combine(folder, "r.md")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--tolerance", "loose")]
    [InlineData("--samples", "0")]
    [InlineData("--layers", "some")]
    [InlineData("--report", "out.pdf")]
    [InlineData("--map", "nothing")]
    [InlineData("--range", "5,1")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        var (code, _, error) = CliRunner.Run("check", CliRunner.MnistH5, CliRunner.MnistH5, option, value);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("parity:", error);
    }

    [Fact]
    public void Range_sets_the_input_values_and_is_stated_in_the_notes()
    {
        var (code, output, error) = CliRunner.Run("diff", CliRunner.MnistH5, CliRunner.MnistH5, "--range", "-1,1", "--layers", "outputs");
        Assert.True(code == ExitCodes.Agree, error + output);
        Assert.Contains("get values in [-1, 1)", output);
    }

    private static string NewFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parity-check-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
