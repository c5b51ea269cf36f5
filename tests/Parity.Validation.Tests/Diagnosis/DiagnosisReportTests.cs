using System.Text.Json;
using Google.Protobuf;
using Parity.Engine.Graph;
using Parity.Spec;
using Parity.Spec.CoreML;
using Parity.Spec.CoreML.Format;
using Parity.Validation.Comparison;
using Parity.Validation.Diagnosis;
using Parity.Validation.Reports;
using Parity.Validation.Tests.Reports;

namespace Parity.Validation.Tests.Diagnosis;

/// <summary>The diagnosis, label and precision sections of a real check, in every report format and against the published schema.</summary>
public class DiagnosisReportTests
{
    private static string Root => RepositoryPaths.Root;
    private static string MnistH5 => Path.Combine(Root, "examples", "mnist", "mnist.model.best.hdf5");
    private static string MnistMlmodel => Path.Combine(Root, "examples", "mnist", "MNIST.mlmodel");

    [Fact]
    public void A_diagnosed_label_checked_report_follows_the_schema_in_every_format()
    {
        var report = CheckBroken(m =>
        {
            Layer(m, "flatten_1").Flatten.Mode = Layer(m, "flatten_1").Flatten.Mode == FlattenLayerParams.Types.FlattenOrder.ChannelLast
                ? FlattenLayerParams.Types.FlattenOrder.ChannelFirst : FlattenLayerParams.Types.FlattenOrder.ChannelLast;
            var labels = m.NeuralNetworkClassifier.StringClassLabels.Vector;
            (labels[1], labels[2]) = (labels[2], labels[1]);
        }, null);

        Assert.Equal(DiagnosisCause.FlattenOrder, report.Diagnosis!.Named!.Cause);
        Assert.Equal(2, report.Labels!.Misplaced.Count);
        Assert.Contains(report.Diagnosis.Trials, t => t.Cause == DiagnosisCause.LabelOrder);
        Assert.Contains("class label(s) are misplaced", report.Diagnosis.Summary);

        var json = Json(report);
        Assert.Empty(SchemaSubset.Validate(Schema().RootElement, json.RootElement));
        Assert.Equal(1, json.RootElement.GetProperty("schemaMinorVersion").GetInt32());
        Assert.Equal("flatten-order", json.RootElement.GetProperty("diagnosis").GetProperty("cause").GetString());

        Assert.Contains("## Diagnosis", MarkdownReport.Render(report));
        Assert.Contains("## Class labels", MarkdownReport.Render(report));
        Assert.Contains("<h2>Diagnosis</h2>", HtmlReport.Render(report));
        var junit = JUnitReport.Render(report);
        var diagnosisCase = junit.Descendants("testcase").Single(c => (string?)c.Attribute("classname") == "diagnosis");
        Assert.Equal("flatten-order", (string?)diagnosisCase.Element("failure")!.Attribute("type"));
        Assert.NotNull(junit.Descendants("testcase").Single(c => (string?)c.Attribute("classname") == "labels").Element("failure"));
    }

    [Fact]
    public void An_fp16_run_report_carries_the_fp32_run_beside_it_and_follows_the_schema()
    {
        var report = CheckBroken(_ => { }, Precision.Float16);

        Assert.Equal("fp16", report.Tolerance.Name);
        Assert.NotNull(report.ToleranceAutoSelected);
        var rows = report.PrecisionComparison!.Rows;
        Assert.Equal(report.Pairs.Count, rows.Count);
        Assert.All(rows, r => Assert.True(r.Fp32Agrees));

        Assert.Empty(SchemaSubset.Validate(Schema().RootElement, Json(report).RootElement));
        Assert.Contains("fp16 run beside an fp32 run", MarkdownReport.Render(report));
        Assert.Contains("fp16 run beside an fp32 run", HtmlReport.Render(report));
    }

    private static ComparisonReport CheckBroken(Action<Model> alter, Precision? precision)
    {
        var spec = CoreMLModelFile.Load(MnistMlmodel).Model;
        alter(spec);
        var path = Path.Combine(Path.GetTempPath(), $"parity-broken-{Guid.NewGuid():N}.mlmodel");
        File.WriteAllBytes(path, spec.ToByteArray());
        try
        {
            var source = ModelFiles.Load(MnistH5);
            var converted = ModelFiles.Load(path);
            var options = new ComparisonOptions
            {
                RoleA = "source",
                RoleB = "converted",
                PrecisionB = precision,
                Preprocessing = converted.ImageInputs.ToDictionary(i => i.Key, i => SourcePreprocessing.For("unit", i.Value)),
            };
            return ConversionCheck.Run(source, converted, options, new DiagnosisSettings { SourcePreprocessing = image => SourcePreprocessing.For("unit", image) });
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static NeuralNetworkLayer Layer(Model m, string name) => CoreMLMessages.Layers(m)!.First(l => l.Name == name);

    private static JsonDocument Json(ComparisonReport report)
    {
        using var stream = new MemoryStream();
        JsonReport.Write(stream, report);
        return JsonDocument.Parse(stream.ToArray());
    }

    private static JsonDocument Schema() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "docs", "report.schema.json")));
}
