using System.Text;
using Parity.Validation.Comparison;

namespace Parity.Validation.Reports;

/// <summary>Writes a <see cref="ComparisonReport"/> as a Markdown page: summary, inputs, per-value table, unmatched and unchecked lists.</summary>
public static class MarkdownReport
{
    public static string Render(ComparisonReport report)
    {
        var s = new StringBuilder();
        s.AppendLine($"# Parity: {report.ModelA.Role} vs {report.ModelB.Role}").AppendLine();
        s.AppendLine($"**{ReportText.Summary(report)}**").AppendLine();
        s.AppendLine($"- {report.ModelA.Role}: `{report.ModelA.File}` ({report.ModelA.Format})");
        s.AppendLine($"- {report.ModelB.Role}: `{report.ModelB.File}` ({report.ModelB.Format})");
        s.AppendLine($"- tolerance: {ReportText.Tolerance(report)}; seed {report.Seed}; samples {report.Samples}");
        foreach (var note in report.Notes) s.AppendLine($"- {Cell(note)}");
        s.AppendLine().AppendLine("## Inputs").AppendLine();
        s.AppendLine($"| {report.ModelA.Role} | {report.ModelB.Role} | matched by | layout |").AppendLine("|---|---|---|---|");
        foreach (var i in report.Inputs)
        {
            s.AppendLine($"| {Cell(i.A)} {i.AType} | {Cell(i.B)} {i.BType} | {ReportText.Match(i.MatchedBy)} | {LayoutTransforms.Describe(i.Layout)} |");
        }
        s.AppendLine().AppendLine("## Values").AppendLine();
        s.AppendLine($"| {report.ModelA.Role} | {report.ModelB.Role} | matched by | layout | max abs | max rel | cosine | SNR dB | within tol | verdict |");
        s.AppendLine("|---|---|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var p in report.Pairs)
        {
            var m = p.Metrics;
            var name = p.IsOutput ? $"{Cell(p.A)} (output)" : Cell(p.A);
            s.AppendLine($"| {name} | {Cell(p.B)} | {ReportText.Match(p.MatchedBy)} | {LayoutTransforms.Describe(p.Layout)} | {ReportText.Number(m.MaxAbsError)} | {ReportText.Number(m.MaxRelError)} | "
                + $"{ReportText.Number(m.CosineSimilarity)} | {ReportText.Number(m.SnrDb)} | {ReportText.Number(m.WithinTolerance)} | {ReportText.Verdict(p.Verdict)} |");
        }
        foreach (var p in report.Pairs.Where(p => p.Classifier is not null))
        {
            var c = p.Classifier!;
            s.AppendLine().AppendLine($"Classifier output {Cell(p.A)}: top-1 agreement {ReportText.Number(c.Top1Agreement)}, top-5 agreement {ReportText.Number(c.Top5Agreement)}; top class {c.TopClassA} vs {c.TopClassB}.");
        }
        if (report.Diagnosis is { } diagnosis)
        {
            s.AppendLine().AppendLine("## Diagnosis").AppendLine();
            s.AppendLine($"**{Cell(diagnosis.Summary)}**").AppendLine();
            s.AppendLine($"- {Cell(ReportText.Before(diagnosis))}");
            foreach (var t in diagnosis.Trials) s.AppendLine($"- {Cell(ReportText.Trial(t))}");
        }
        if (report.Labels is { } labels)
        {
            s.AppendLine().AppendLine("## Class labels").AppendLine();
            s.AppendLine(labels.Agrees ? $"All {labels.Count} labels are in the source's order (checked against {labels.Basis})."
                : $"{labels.Misplaced.Count} of {labels.Count} labels are misplaced (checked against {labels.Basis}):");
            foreach (var m in labels.Misplaced) s.AppendLine($"- '{Cell(m.Label)}' at position {m.Position}, expected at {(m.ExpectedPosition < 0 ? "none (unknown to the source)" : m.ExpectedPosition)}");
        }
        if (report.PrecisionComparison is { } precision)
        {
            s.AppendLine().AppendLine($"## fp16 run beside an fp32 run of {report.ModelB.Role}").AppendLine();
            s.AppendLine($"| {report.ModelA.Role} | {report.ModelB.Role} | fp16 max abs | fp16 max rel | fp16 | fp32 max abs | fp32 max rel | fp32 |").AppendLine("|---|---|---:|---:|---|---:|---:|---|");
            foreach (var r in precision.Rows)
            {
                s.AppendLine($"| {Cell(r.A)} | {Cell(r.B)} | {ReportText.Number(r.Fp16MaxAbs)} | {ReportText.Number(r.Fp16MaxRel)} | {(r.Fp16Agrees ? "ok" : "fails")} | "
                    + $"{ReportText.Number(r.Fp32MaxAbs)} | {ReportText.Number(r.Fp32MaxRel)} | {(r.Fp32Agrees ? "ok" : "fails")} |");
            }
        }
        List(s, $"Unmatched values of {report.ModelA.Role}", report.UnmatchedA.Select(u => $"{u.Name} ({u.LayerType}) {u.Shape}"));
        List(s, $"Unmatched values of {report.ModelB.Role}", report.UnmatchedB.Select(u => $"{u.Name} ({u.LayerType}) {u.Shape}"));
        List(s, $"Not checked in {report.ModelA.Role}", report.UncheckedA);
        List(s, $"Not checked in {report.ModelB.Role}", report.UncheckedB);
        if (report.Device is { } device) DeviceSections.Markdown(s, device);
        return s.ToString();
    }

    private static void List(StringBuilder s, string title, IEnumerable<string> items)
    {
        var all = items.ToList();
        if (all.Count == 0) return;
        s.AppendLine().AppendLine($"## {title}").AppendLine();
        foreach (var item in all) s.AppendLine($"- {Cell(item)}");
    }

    // A '|' inside a table cell would start a new column.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
