using System.Text.Json;
using Parity.Validation.Comparison;
using Parity.Validation.Diagnosis;
using Parity.Validation.Metrics;

namespace Parity.Validation.Reports;

/// <summary>
/// Writes a <see cref="ComparisonReport"/> as JSON following docs/report-schema.md (schemaVersion
/// <see cref="ComparisonReport.SchemaVersion"/>). Non-finite numbers (an SNR of +inf for identical values) are null.
/// </summary>
public static class JsonReport
{
    public static void Write(Stream stream, ComparisonReport report)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", ComparisonReport.SchemaVersion);
        w.WriteNumber("schemaMinorVersion", ComparisonReport.SchemaMinorVersion);
        w.WriteString("verdict", ReportText.Verdict(report.Verdict));
        w.WriteString("divergencePoint", report.DivergencePoint);
        w.WriteString("summary", ReportText.Summary(report));
        w.WriteStartObject("models");
        Model(w, "a", report.ModelA);
        Model(w, "b", report.ModelB);
        w.WriteEndObject();
        w.WriteStartObject("tolerance");
        w.WriteString("name", report.Tolerance.Name);
        w.WriteNumber("atol", report.Tolerance.Absolute);
        w.WriteNumber("rtol", report.Tolerance.Relative);
        w.WriteString("autoSelected", report.ToleranceAutoSelected);
        w.WriteEndObject();
        w.WriteNumber("seed", report.Seed);
        w.WriteNumber("samples", report.Samples);
        w.WriteString("layers", report.Layers == LayerScope.All ? "all" : "outputs");

        w.WriteStartArray("inputs");
        foreach (var input in report.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("a", input.A);
            w.WriteString("b", input.B);
            w.WriteString("matchedBy", ReportText.Match(input.MatchedBy));
            w.WriteString("layout", Layout(input.Layout));
            w.WriteString("typeA", input.AType);
            w.WriteString("typeB", input.BType);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("pairs");
        foreach (var pair in report.Pairs) Pair(w, pair);
        w.WriteEndArray();

        w.WriteStartObject("unmatched");
        Unmatched(w, "a", report.UnmatchedA);
        Unmatched(w, "b", report.UnmatchedB);
        w.WriteEndObject();
        w.WriteStartObject("unchecked");
        Strings(w, "a", report.UncheckedA);
        Strings(w, "b", report.UncheckedB);
        w.WriteEndObject();
        Strings(w, "notes", report.Notes);
        Labels(w, report.Labels);
        Precision(w, report.PrecisionComparison);
        Diagnosis(w, report.Diagnosis);
        if (report.Device is { } device) DeviceSections.Json(w, device);
        w.WriteEndObject();
    }

    private static void Labels(Utf8JsonWriter w, LabelCheck? labels)
    {
        if (labels is null)
        {
            w.WriteNull("labels");
            return;
        }
        w.WriteStartObject("labels");
        w.WriteString("basis", labels.Basis);
        w.WriteNumber("count", labels.Count);
        w.WriteStartArray("misplaced");
        foreach (var m in labels.Misplaced)
        {
            w.WriteStartObject();
            w.WriteString("label", m.Label);
            w.WriteNumber("position", m.Position);
            w.WriteNumber("expectedPosition", m.ExpectedPosition);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Precision(Utf8JsonWriter w, PrecisionComparison? comparison)
    {
        if (comparison is null)
        {
            w.WriteNull("precisionComparison");
            return;
        }
        w.WriteStartArray("precisionComparison");
        foreach (var row in comparison.Rows)
        {
            w.WriteStartObject();
            w.WriteString("a", row.A);
            w.WriteString("b", row.B);
            w.WriteStartObject("fp16");
            Number(w, "maxAbsError", row.Fp16MaxAbs);
            Number(w, "maxRelError", row.Fp16MaxRel);
            w.WriteBoolean("agrees", row.Fp16Agrees);
            w.WriteEndObject();
            w.WriteStartObject("fp32");
            Number(w, "maxAbsError", row.Fp32MaxAbs);
            Number(w, "maxRelError", row.Fp32MaxRel);
            w.WriteBoolean("agrees", row.Fp32Agrees);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Diagnosis(Utf8JsonWriter w, DiagnosisResult? diagnosis)
    {
        if (diagnosis is null)
        {
            w.WriteNull("diagnosis");
            return;
        }
        w.WriteStartObject("diagnosis");
        w.WriteString("divergencePoint", diagnosis.DivergencePoint);
        w.WriteString("cause", diagnosis.Named is { } named ? DiagnosisCauses.Name(named.Cause) : null);
        w.WriteString("summary", diagnosis.Summary);
        Snapshot(w, "before", diagnosis.Before);
        w.WriteStartArray("trials");
        foreach (var t in diagnosis.Trials)
        {
            w.WriteStartObject();
            w.WriteString("cause", DiagnosisCauses.Name(t.Cause));
            w.WriteString("layer", t.Layer);
            w.WriteString("change", t.Change);
            w.WriteBoolean("explains", t.Explains);
            Snapshot(w, "after", t.After);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("notTried", diagnosis.NotTried);
        w.WriteEndObject();
    }

    private static void Snapshot(Utf8JsonWriter w, string key, ErrorSnapshot s)
    {
        w.WriteStartObject(key);
        w.WriteString("verdict", ReportText.Verdict(s.Verdict));
        Number(w, "layerMaxAbsError", s.LayerMaxAbs);
        Number(w, "layerMaxRelError", s.LayerMaxRel);
        w.WriteBoolean("layerAgrees", s.LayerAgrees);
        Number(w, "outputsMaxAbsError", s.OutputsMaxAbs);
        Number(w, "outputsMaxRelError", s.OutputsMaxRel);
        w.WriteBoolean("outputsAgree", s.OutputsAgree);
        w.WriteEndObject();
    }

    public static string Layout(LayoutTransform layout) => layout switch
    {
        LayoutTransform.None => "none",
        LayoutTransform.Reshape => "reshape",
        LayoutTransform.ChannelsFirstToLast => "channelsFirstToLast",
        _ => "channelsLastToFirst",
    };

    private static void Model(Utf8JsonWriter w, string key, ModelDescription model)
    {
        w.WriteStartObject(key);
        w.WriteString("role", model.Role);
        w.WriteString("file", model.File);
        w.WriteString("format", model.Format);
        w.WriteEndObject();
    }

    private static void Pair(Utf8JsonWriter w, ValuePairResult pair)
    {
        w.WriteStartObject();
        w.WriteString("a", pair.A);
        w.WriteString("b", pair.B);
        w.WriteString("layerTypeA", pair.LayerTypeA);
        w.WriteString("layerTypeB", pair.LayerTypeB);
        w.WriteString("shapeA", pair.ShapeA);
        w.WriteString("shapeB", pair.ShapeB);
        w.WriteBoolean("isOutput", pair.IsOutput);
        w.WriteString("matchedBy", ReportText.Match(pair.MatchedBy));
        w.WriteString("layout", Layout(pair.Layout));
        w.WriteString("verdict", pair.Verdict.ToString().ToLowerInvariant());
        Strings(w, "inheritedFrom", pair.InheritedFrom);
        w.WriteNumber("worstSample", pair.WorstSample);
        Metrics(w, pair.Metrics);
        if (pair.Classifier is { } c)
        {
            w.WriteStartObject("classifier");
            w.WriteNumber("classes", c.Classes);
            w.WriteNumber("top1Agreement", c.Top1Agreement);
            w.WriteNumber("top5Agreement", c.Top5Agreement);
            w.WriteNumber("topClassA", c.TopClassA);
            w.WriteNumber("topClassB", c.TopClassB);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("classifier");
        }
        w.WriteEndObject();
    }

    private static void Metrics(Utf8JsonWriter w, ErrorMetrics m)
    {
        w.WriteStartObject("metrics");
        w.WriteNumber("count", m.Count);
        Number(w, "maxAbsError", m.MaxAbsError);
        Number(w, "maxRelError", m.MaxRelError);
        Number(w, "meanAbsError", m.MeanAbsError);
        Number(w, "rmse", m.Rmse);
        Number(w, "cosineSimilarity", m.CosineSimilarity);
        Number(w, "snrDb", m.SnrDb);
        Number(w, "withinTolerance", m.WithinTolerance);
        w.WriteNumber("nanA", m.ExpectedNaN);
        w.WriteNumber("nanB", m.ActualNaN);
        w.WriteNumber("infA", m.ExpectedInf);
        w.WriteNumber("infB", m.ActualInf);
        w.WriteNumber("worstIndex", m.WorstIndex);
        w.WriteEndObject();
    }

    /// <summary>A finite number, or null: JSON has no NaN or infinity.</summary>
    internal static void Number(Utf8JsonWriter w, string key, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(key, value);
        else w.WriteNull(key);
    }

    private static void Unmatched(Utf8JsonWriter w, string key, IReadOnlyList<UnmatchedValue> values)
    {
        w.WriteStartArray(key);
        foreach (var v in values)
        {
            w.WriteStartObject();
            w.WriteString("name", v.Name);
            w.WriteString("layerType", v.LayerType);
            w.WriteString("shape", v.Shape);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    internal static void Strings(Utf8JsonWriter w, string key, IEnumerable<string> values)
    {
        w.WriteStartArray(key);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
