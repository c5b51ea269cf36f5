using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Parity.Validation.Comparison;
using Parity.Validation.Reports;
using Parity.Validation.Tests.Comparison;

namespace Parity.Validation.Tests.Reports;

public class ReportWriterTests
{
    private static readonly ComparisonReport Broken = ModelComparison.Compare(TestModels.Source(), TestModels.Converted(d2BiasShift: 0.5f),
        new ComparisonOptions { RoleA = "source", RoleB = "converted" });

    private static readonly ComparisonReport Faithful = ModelComparison.Compare(TestModels.Source(), TestModels.Converted(),
        new ComparisonOptions { RoleA = "source", RoleB = "converted" });

    [Fact]
    public void Json_report_follows_the_published_schema()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "report.schema.json")));
        foreach (var report in new[] { Broken, Faithful })
        {
            using var stream = new MemoryStream();
            JsonReport.Write(stream, report);
            using var json = JsonDocument.Parse(stream.ToArray());
            Assert.Empty(SchemaSubset.Validate(schema.RootElement, json.RootElement));
        }

        using var broken = new MemoryStream();
        JsonReport.Write(broken, Broken);
        using var doc = JsonDocument.Parse(broken.ToArray());
        Assert.Equal("disagree", doc.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("d2", doc.RootElement.GetProperty("divergencePoint").GetString());
        Assert.Equal("diverges", doc.RootElement.GetProperty("pairs")[1].GetProperty("verdict").GetString());
    }

    [Fact]
    public void Schema_check_catches_a_missing_field()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "report.schema.json")));
        using var bad = JsonDocument.Parse("""{"schemaVersion": 1, "verdict": "maybe"}""");
        var errors = SchemaSubset.Validate(schema.RootElement, bad.RootElement);
        Assert.Contains(errors, e => e.Contains("'pairs'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("maybe", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_report_is_well_formed_and_self_contained()
    {
        var html = HtmlReport.Render(Broken);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        var doc = XDocument.Load(reader);

        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName is "script" or "link" or "img");
        var svg = Assert.Single(doc.Descendants("svg"));
        Assert.Equal(Broken.Pairs.Count, svg.Descendants("circle").Count());
        Assert.Contains("d2", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Junit_report_has_a_case_per_output_and_per_matched_layer()
    {
        var xml = XDocument.Parse(JUnitReport.Render(Broken).ToString());
        var cases = xml.Descendants("testcase").ToList();
        Assert.Single(cases, c => (string?)c.Attribute("classname") == "outputs");
        Assert.Equal(Broken.Pairs.Count, cases.Count(c => (string?)c.Attribute("classname") == "layers"));
        // d2 diverges, d3 and probs inherit (probs once as output, once as layer).
        Assert.Equal(4, cases.Count(c => c.Element("failure") is not null));
        Assert.Equal("4", (string?)xml.Root!.Attribute("failures"));
    }

    [Fact]
    public void Markdown_report_states_the_verdict_and_lists_unmatched_values()
    {
        var md = MarkdownReport.Render(Broken);
        Assert.Contains("DISAGREE", md, StringComparison.Ordinal);
        Assert.Contains("divergence point: layer 'd2'", md, StringComparison.Ordinal);
        Assert.Contains("Unmatched values of converted", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_files_are_never_replaced_without_overwrite()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parity-report-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "mine");
        try
        {
            var error = Assert.Throws<IOException>(() => ReportFiles.Write(path, Faithful, overwrite: false));
            Assert.Contains("--overwrite", error.Message, StringComparison.Ordinal);
            Assert.Equal("mine", File.ReadAllText(path));
            ReportFiles.Write(path, Faithful, overwrite: true);
            Assert.StartsWith("{", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => ReportFiles.CheckWritable(["report.pdf"], overwrite: false));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
