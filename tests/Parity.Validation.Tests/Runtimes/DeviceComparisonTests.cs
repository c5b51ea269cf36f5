using System.Text;
using System.Text.Json;
using Parity.Validation.Comparison;
using Parity.Validation.Reports;
using Parity.Validation.Runtimes;
using Parity.Validation.Tests.Comparison;

namespace Parity.Validation.Tests.Runtimes;

public class DeviceComparisonTests
{
    private static readonly ComparisonOptions Options = new() { RoleA = "source", RoleB = "converted" };

    private static DeviceResults Compare(IReadOnlyList<string> probes, params FakeSession[] sessions) =>
        DeviceComparison.Compare(TestModels.Source(), TestModels.Converted(), sessions, Options, probes);

    [Fact]
    public void A_device_that_computes_what_the_managed_engine_computes_agrees_with_both()
    {
        var device = Compare([], new FakeSession(TestModels.Converted(), "coreml:cpu"));

        var column = Assert.Single(device.Columns);
        Assert.Equal("coreml:cpu", column.Runtime);
        var output = Assert.Single(column.Values);
        Assert.Equal("classLabelProbs", output.Name);
        Assert.Equal("probs", output.SourceName);
        Assert.Equal(0, output.VsManaged!.MaxAbsError);
        Assert.True(output.VsSource!.Agrees);
        Assert.Empty(column.Problems);
        Assert.True(device.Agrees);
        Assert.Contains(DeviceResults.OutputsOnlyNote, device.Notes);
    }

    [Fact]
    public void A_shifted_device_output_is_measured_against_source_and_managed()
    {
        // Every device value is the managed value + 0.25, so the max abs error against managed is 0.25.
        var device = Compare([], new FakeSession(TestModels.Converted(), "coreml:gpu", shift: 0.25f));

        var output = Assert.Single(Assert.Single(device.Columns).Values);
        Assert.Equal(0.25, output.VsManaged!.MaxAbsError, 6);
        Assert.False(output.VsSource!.Agrees);
        Assert.False(device.Agrees);
    }

    [Fact]
    public void All_units_are_compared_with_the_first()
    {
        var device = Compare([], new FakeSession(TestModels.Converted(), "coreml:cpu"), new FakeSession(TestModels.Converted(), "coreml:ane", shift: 0.125f));

        Assert.Equal(2, device.Columns.Count);
        var pair = Assert.Single(device.UnitComparisons);
        Assert.Equal(("coreml:cpu", "coreml:ane", "classLabelProbs"), (pair.RuntimeA, pair.RuntimeB, pair.Output));
        Assert.Equal(0.125, pair.Metrics.MaxAbsError, 6);
    }

    [Fact]
    public void Missing_and_misshapen_device_outputs_are_problems_not_crashes()
    {
        var dropped = Compare([], new FakeSession(TestModels.Converted(), "coreml:all", drop: "classLabelProbs"));
        Assert.Contains(dropped.Columns[0].Problems, p => p.Contains("is a dictionary", StringComparison.Ordinal));
        Assert.False(dropped.Agrees);

        var truncated = Compare([], new FakeSession(TestModels.Converted(), "coreml:all", truncate: "classLabelProbs"));
        Assert.Contains(truncated.Columns[0].Problems, p => p.Contains("has shape [1]", StringComparison.Ordinal));
    }

    [Fact]
    public void Probed_values_are_compared_with_the_managed_layer_of_the_same_name()
    {
        var device = Compare(["d2_output"], new FakeSession(TestModels.Converted(), "coreml:cpu"));

        var probe = Assert.Single(device.Columns[0].Values, v => v.IsProbe);
        Assert.Equal("d2_output", probe.Name);
        Assert.Equal(0, probe.VsManaged!.MaxAbsError);
        // d2 has identity weights and zero bias, so d1 and d2 hold the same values and either is a right counterpart.
        Assert.Contains(probe.SourceName, new[] { "d1", "d2" });
        Assert.True(probe.VsSource!.Agrees);
        Assert.Throws<ArgumentException>(() => Compare(["no_such_layer"], new FakeSession(TestModels.Converted(), "coreml:cpu")));
    }

    [Fact]
    public void Samples_reuse_one_session()
    {
        var session = new FakeSession(TestModels.Converted(), "coreml:cpu");
        DeviceComparison.Compare(TestModels.Source(), TestModels.Converted(), [session], Options with { Samples = 3 }, []);
        // Three samples, once against managed and once against the source.
        Assert.Equal(6, session.Predictions);
    }

    [Fact]
    public void Reports_show_the_device_column_beside_the_managed_ones()
    {
        var device = Compare(["d2_output"], new FakeSession(TestModels.Converted(), "coreml:cpu"), new FakeSession(TestModels.Converted(), "coreml:gpu", shift: 0.5f));
        var report = ModelComparison.Compare(TestModels.Source(), TestModels.Converted(), Options) with { Device = device };

        using var stream = new MemoryStream();
        JsonReport.Write(stream, report);
        using var json = JsonDocument.Parse(stream.ToArray());
        var section = json.RootElement.GetProperty("device");
        Assert.False(section.GetProperty("agrees").GetBoolean());
        Assert.Equal("coreml:gpu", section.GetProperty("columns")[1].GetProperty("runtime").GetString());
        Assert.Equal(0.5, section.GetProperty("unitComparisons")[0].GetProperty("metrics").GetProperty("maxAbsError").GetDouble(), 6);
        Assert.Equal(DeviceResults.OutputsOnlyNote, section.GetProperty("notes")[0].GetString());
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "report.schema.json")));
        Assert.Empty(Parity.Validation.Tests.Reports.SchemaSubset.Validate(schema.RootElement, json.RootElement));

        var markdown = MarkdownReport.Render(report);
        Assert.Contains("## Device runtime", markdown);
        Assert.Contains("| d2_output (probe) |", markdown);
        Assert.Contains("### Compute units against each other", markdown);
        var html = HtmlReport.Render(report);
        Assert.Contains("<h2>Device runtime</h2>", html);
        System.Xml.Linq.XDocument.Parse(html[html.IndexOf("<html", StringComparison.Ordinal)..]);

        var junit = JUnitReport.Render(report);
        var gpuCases = junit.Descendants("testcase").Where(c => (string?)c.Attribute("classname") == "coreml:gpu").ToList();
        Assert.Equal(2, gpuCases.Count);
        Assert.All(gpuCases, c => Assert.NotNull(c.Element("failure")));
        Assert.All(junit.Descendants("testcase").Where(c => (string?)c.Attribute("classname") == "coreml:cpu"), c => Assert.Null(c.Element("failure")));

        var plain = new StringBuilder(MarkdownReport.Render(report with { Device = null }));
        Assert.DoesNotContain("Device runtime", plain.ToString());
    }
}
