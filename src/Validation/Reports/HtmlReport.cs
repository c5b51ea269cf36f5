using System.Globalization;
using System.Net;
using System.Text;
using Parity.Validation.Comparison;

namespace Parity.Validation.Reports;

/// <summary>
/// Writes a <see cref="ComparisonReport"/> as one self-contained HTML page (inline CSS and SVG, no scripts or
/// external assets; well-formed XML, so it can also be read as XHTML): summary, inputs, a chart of max relative
/// error per matched value along model A's graph, the per-value table, and unmatched/unchecked lists.
/// </summary>
public static class HtmlReport
{
    public static string Render(ComparisonReport report)
    {
        var s = new StringBuilder();
        s.AppendLine("<!DOCTYPE html>");
        s.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"/>");
        s.AppendLine($"<title>Parity: {E(report.ModelA.Role)} vs {E(report.ModelB.Role)}</title>");
        s.AppendLine("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}"
            + "td.n{text-align:right;font-family:monospace}.ok{color:#2a7d2a}.diverges{color:#c0392b;font-weight:bold}.inherited{color:#d68910}"
            + ".verdict{font-size:1.2em;padding:.5em;border-left:6px solid #888}.agree{border-color:#2a7d2a}.disagree{border-color:#c0392b}.unsupported{border-color:#d68910}</style>");
        s.AppendLine("</head><body>");
        s.AppendLine($"<h1>Parity: {E(report.ModelA.Role)} vs {E(report.ModelB.Role)}</h1>");
        s.AppendLine($"<p class=\"verdict {ReportText.Verdict(report.Verdict)}\">{E(ReportText.Summary(report))}</p>");
        s.AppendLine("<ul>");
        s.AppendLine($"<li>{E(report.ModelA.Role)}: <code>{E(report.ModelA.File)}</code> ({E(report.ModelA.Format)})</li>");
        s.AppendLine($"<li>{E(report.ModelB.Role)}: <code>{E(report.ModelB.File)}</code> ({E(report.ModelB.Format)})</li>");
        s.AppendLine($"<li>tolerance {E(ReportText.Tolerance(report))}; seed {report.Seed}; samples {report.Samples}</li>");
        foreach (var note in report.Notes) s.AppendLine($"<li>{E(note)}</li>");
        s.AppendLine("</ul>");

        s.AppendLine("<h2>Error along the graph</h2>");
        s.AppendLine(Chart(report));

        s.AppendLine("<h2>Values</h2><table><thead><tr>");
        foreach (var h in new[] { E(report.ModelA.Role), E(report.ModelB.Role), "matched by", "layout", "max abs", "max rel", "cosine", "SNR dB", "within tol", "verdict" })
        {
            s.Append($"<th>{h}</th>");
        }
        s.AppendLine("</tr></thead><tbody>");
        foreach (var p in report.Pairs)
        {
            var m = p.Metrics;
            var css = p.Verdict.ToString().ToLowerInvariant();
            var title = p.Verdict == PairVerdict.Agrees ? "" : $" title=\"{E(ReportText.Failure(p))}\"";
            s.AppendLine($"<tr><td>{E(p.A)}{(p.IsOutput ? " <em>(output)</em>" : "")}</td><td>{E(p.B)}</td><td>{ReportText.Match(p.MatchedBy)}</td><td>{E(LayoutTransforms.Describe(p.Layout))}</td>"
                + $"<td class=\"n\">{ReportText.Number(m.MaxAbsError)}</td><td class=\"n\">{ReportText.Number(m.MaxRelError)}</td><td class=\"n\">{ReportText.Number(m.CosineSimilarity)}</td>"
                + $"<td class=\"n\">{ReportText.Number(m.SnrDb)}</td><td class=\"n\">{ReportText.Number(m.WithinTolerance)}</td><td class=\"{css}\"{title}>{ReportText.Verdict(p.Verdict)}</td></tr>");
        }
        s.AppendLine("</tbody></table>");
        if (report.Diagnosis is { } diagnosis)
        {
            s.AppendLine($"<h2>Diagnosis</h2><p class=\"verdict {(diagnosis.Named is null ? "unsupported" : "disagree")}\">{E(diagnosis.Summary)}</p>");
            List(s, "Hypotheses tried (one flip each)", [ReportText.Before(diagnosis), .. diagnosis.Trials.Select(ReportText.Trial)]);
        }
        if (report.Labels is { } labels)
        {
            List(s, labels.Agrees ? $"Class labels: all {labels.Count} in the source's order ({labels.Basis})" : $"Class labels: {labels.Misplaced.Count} of {labels.Count} misplaced ({labels.Basis})",
                labels.Misplaced.Select(m => $"'{m.Label}' at position {m.Position}, expected at {(m.ExpectedPosition < 0 ? "none" : m.ExpectedPosition)}"));
        }
        if (report.PrecisionComparison is { } precision)
        {
            s.AppendLine($"<h2>fp16 run beside an fp32 run of {E(report.ModelB.Role)}</h2><table><thead><tr><th>{E(report.ModelA.Role)}</th><th>{E(report.ModelB.Role)}</th>"
                + "<th>fp16 max abs</th><th>fp16 max rel</th><th>fp16</th><th>fp32 max abs</th><th>fp32 max rel</th><th>fp32</th></tr></thead><tbody>");
            foreach (var r in precision.Rows)
            {
                s.AppendLine($"<tr><td>{E(r.A)}</td><td>{E(r.B)}</td><td class=\"n\">{ReportText.Number(r.Fp16MaxAbs)}</td><td class=\"n\">{ReportText.Number(r.Fp16MaxRel)}</td><td>{(r.Fp16Agrees ? "ok" : "fails")}</td>"
                    + $"<td class=\"n\">{ReportText.Number(r.Fp32MaxAbs)}</td><td class=\"n\">{ReportText.Number(r.Fp32MaxRel)}</td><td>{(r.Fp32Agrees ? "ok" : "fails")}</td></tr>");
            }
            s.AppendLine("</tbody></table>");
        }
        List(s, $"Unmatched values of {report.ModelA.Role}", report.UnmatchedA.Select(u => $"{u.Name} ({u.LayerType}) {u.Shape}"));
        List(s, $"Unmatched values of {report.ModelB.Role}", report.UnmatchedB.Select(u => $"{u.Name} ({u.LayerType}) {u.Shape}"));
        List(s, $"Not checked in {report.ModelA.Role}", report.UncheckedA);
        List(s, $"Not checked in {report.ModelB.Role}", report.UncheckedB);
        if (report.Device is { } device) DeviceSections.Html(s, device);
        s.AppendLine("</body></html>");
        return s.ToString();
    }

    /// <summary>log10 of max relative error per matched value, in graph order, with the tolerance's rtol as a dashed line.</summary>
    private static string Chart(ComparisonReport report)
    {
        const int width = 820, height = 260, left = 50, right = 10, top = 10, bottom = 30;
        const double floor = 1e-12;
        var logs = report.Pairs.Select(p => Math.Log10(Math.Max(double.IsFinite(p.Metrics.MaxRelError) ? p.Metrics.MaxRelError : 1e12, floor))).ToList();
        var rtolLog = report.Tolerance.Relative > 0 ? Math.Log10(report.Tolerance.Relative) : (double?)null;
        var all = logs.Concat(rtolLog is { } r ? [r] : []).ToList();
        var yMin = Math.Min(-8, Math.Floor(all.DefaultIfEmpty(0).Min()));
        var yMax = Math.Max(0, Math.Ceiling(all.DefaultIfEmpty(0).Max()));
        double X(int i) => left + (logs.Count <= 1 ? (width - left - right) / 2.0 : i * (width - left - right) / (double)(logs.Count - 1));
        double Y(double v) => top + (yMax - v) / (yMax - yMin) * (height - top - bottom);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var s = new StringBuilder();
        s.AppendLine($"<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"max relative error per layer\">");
        for (var v = yMin; v <= yMax; v += 2)
        {
            s.AppendLine($"<line x1=\"{left}\" y1=\"{F(Y(v))}\" x2=\"{width - right}\" y2=\"{F(Y(v))}\" stroke=\"#eee\"/><text x=\"{left - 4}\" y=\"{F(Y(v) + 4)}\" font-size=\"10\" text-anchor=\"end\">1e{F(v)}</text>");
        }
        if (rtolLog is { } rt)
        {
            s.AppendLine($"<line x1=\"{left}\" y1=\"{F(Y(rt))}\" x2=\"{width - right}\" y2=\"{F(Y(rt))}\" stroke=\"#c0392b\" stroke-dasharray=\"4 3\"><title>rtol {ReportText.Number(report.Tolerance.Relative)}</title></line>");
        }
        if (logs.Count > 1)
        {
            s.AppendLine($"<polyline fill=\"none\" stroke=\"#888\" points=\"{string.Join(' ', logs.Select((v, i) => $"{F(X(i))},{F(Y(v))}"))}\"/>");
        }
        for (var i = 0; i < logs.Count; i++)
        {
            var p = report.Pairs[i];
            var color = p.Verdict switch { PairVerdict.Agrees => "#2a7d2a", PairVerdict.Diverges => "#c0392b", _ => "#d68910" };
            s.AppendLine($"<circle cx=\"{F(X(i))}\" cy=\"{F(Y(logs[i]))}\" r=\"{(p.Verdict == PairVerdict.Diverges ? 6 : 4)}\" fill=\"{color}\"><title>{E(p.A)}: max rel {ReportText.Number(p.Metrics.MaxRelError)} ({ReportText.Verdict(p.Verdict)})</title></circle>");
        }
        s.AppendLine($"<text x=\"{left}\" y=\"{height - 8}\" font-size=\"11\">layers of {E(report.ModelA.Role)} in graph order →</text>");
        s.Append("</svg>");
        return s.ToString();
    }

    private static void List(StringBuilder s, string title, IEnumerable<string> items)
    {
        var all = items.ToList();
        if (all.Count == 0) return;
        s.AppendLine($"<h2>{E(title)}</h2><ul>");
        foreach (var item in all) s.AppendLine($"<li>{E(item)}</li>");
        s.AppendLine("</ul>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
