using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Parity.Validation.Metrics;
using Parity.Validation.Runtimes;

namespace Parity.Validation.Reports;

/// <summary>The device-runtime part of the JSON, Markdown and HTML reports (`--runtime coreml`): one table per runtime, then compute units against each other.</summary>
public static class DeviceSections
{
    /// <summary>Writes "device": {columns, unitComparisons, notes} (absent from reports of managed-only runs).</summary>
    public static void Json(Utf8JsonWriter w, DeviceResults device)
    {
        w.WriteStartObject("device");
        w.WriteBoolean("agrees", device.Agrees);
        w.WriteStartArray("columns");
        foreach (var column in device.Columns)
        {
            w.WriteStartObject();
            w.WriteString("runtime", column.Runtime);
            w.WriteBoolean("agrees", column.Agrees);
            w.WriteStartArray("values");
            foreach (var v in column.Values)
            {
                w.WriteStartObject();
                w.WriteString("name", v.Name);
                w.WriteBoolean("isProbe", v.IsProbe);
                w.WriteString("source", v.SourceName);
                Metrics(w, "vsSource", v.VsSource);
                Metrics(w, "vsManaged", v.VsManaged);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            JsonReport.Strings(w, "problems", column.Problems);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("unitComparisons");
        foreach (var u in device.UnitComparisons)
        {
            w.WriteStartObject();
            w.WriteString("runtimeA", u.RuntimeA);
            w.WriteString("runtimeB", u.RuntimeB);
            w.WriteString("output", u.Output);
            Metrics(w, "metrics", u.Metrics);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        JsonReport.Strings(w, "notes", device.Notes);
        w.WriteEndObject();
    }

    public static void Markdown(StringBuilder s, DeviceResults device)
    {
        s.AppendLine().AppendLine("## Device runtime").AppendLine();
        foreach (var note in device.Notes) s.AppendLine($"- {Cell(note)}");
        foreach (var column in device.Columns)
        {
            s.AppendLine().AppendLine($"### {column.Runtime}: {(column.Agrees ? "agrees" : "DISAGREES")}").AppendLine();
            s.AppendLine("| value | source value | vs source max abs | vs source max rel | vs source within tol | vs managed max abs | vs managed max rel | vs managed within tol |");
            s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
            foreach (var v in column.Values)
            {
                s.AppendLine($"| {Cell(Label(v))} | {Cell(v.SourceName ?? "-")} | {Abs(v.VsSource)} | {Rel(v.VsSource)} | {Within(v.VsSource)} | {Abs(v.VsManaged)} | {Rel(v.VsManaged)} | {Within(v.VsManaged)} |");
            }
            foreach (var problem in column.Problems) s.AppendLine().AppendLine($"- not computed on {column.Runtime}: {Cell(problem)}");
        }
        if (device.UnitComparisons.Count == 0) return;
        s.AppendLine().AppendLine("### Compute units against each other").AppendLine();
        s.AppendLine("| expected | actual | output | max abs | max rel | within tol |").AppendLine("|---|---|---|---:|---:|---:|");
        foreach (var u in device.UnitComparisons)
        {
            s.AppendLine($"| {u.RuntimeA} | {u.RuntimeB} | {Cell(u.Output)} | {Abs(u.Metrics)} | {Rel(u.Metrics)} | {Within(u.Metrics)} |");
        }
    }

    public static void Html(StringBuilder s, DeviceResults device)
    {
        s.AppendLine("<h2>Device runtime</h2><ul>");
        foreach (var note in device.Notes) s.AppendLine($"<li>{E(note)}</li>");
        s.AppendLine("</ul>");
        foreach (var column in device.Columns)
        {
            s.AppendLine($"<h3>{E(column.Runtime)}: <span class=\"{(column.Agrees ? "ok" : "diverges")}\">{(column.Agrees ? "agrees" : "DISAGREES")}</span></h3>");
            s.AppendLine("<table><thead><tr><th>value</th><th>source value</th><th>vs source max abs</th><th>vs source max rel</th><th>vs source within tol</th>"
                + "<th>vs managed max abs</th><th>vs managed max rel</th><th>vs managed within tol</th></tr></thead><tbody>");
            foreach (var v in column.Values)
            {
                s.AppendLine($"<tr><td>{E(Label(v))}</td><td>{E(v.SourceName ?? "-")}</td><td class=\"n\">{Abs(v.VsSource)}</td><td class=\"n\">{Rel(v.VsSource)}</td><td class=\"n\">{Within(v.VsSource)}</td>"
                    + $"<td class=\"n\">{Abs(v.VsManaged)}</td><td class=\"n\">{Rel(v.VsManaged)}</td><td class=\"n\">{Within(v.VsManaged)}</td></tr>");
            }
            s.AppendLine("</tbody></table>");
            if (column.Problems.Count == 0) continue;
            s.AppendLine("<ul>");
            foreach (var problem in column.Problems) s.AppendLine($"<li>not computed on {E(column.Runtime)}: {E(problem)}</li>");
            s.AppendLine("</ul>");
        }
        if (device.UnitComparisons.Count == 0) return;
        s.AppendLine("<h3>Compute units against each other</h3><table><thead><tr><th>expected</th><th>actual</th><th>output</th><th>max abs</th><th>max rel</th><th>within tol</th></tr></thead><tbody>");
        foreach (var u in device.UnitComparisons)
        {
            s.AppendLine($"<tr><td>{E(u.RuntimeA)}</td><td>{E(u.RuntimeB)}</td><td>{E(u.Output)}</td><td class=\"n\">{Abs(u.Metrics)}</td><td class=\"n\">{Rel(u.Metrics)}</td><td class=\"n\">{Within(u.Metrics)}</td></tr>");
        }
        s.AppendLine("</tbody></table>");
    }

    /// <summary>
    /// JUnit cases (class name = the runtime, e.g. "coreml:cpu"): one per device value, failing when it breaks tolerance
    /// against the source (or, without a source counterpart, against managed); one skipped case per problem.
    /// </summary>
    public static IEnumerable<XElement> JUnitCases(DeviceResults device)
    {
        foreach (var column in device.Columns)
        {
            foreach (var v in column.Values)
            {
                var element = new XElement("testcase", new XAttribute("classname", column.Runtime), new XAttribute("name", v.Name));
                var (metrics, against) = v.VsSource is { } s ? (s, "source") : (v.VsManaged, "managed");
                if (metrics is null || !metrics.Agrees)
                {
                    var message = metrics is null ? "no counterpart to compare with"
                        : $"against {against}: max abs error {ReportText.Number(metrics.MaxAbsError)}, max rel error {ReportText.Number(metrics.MaxRelError)}, within tolerance {ReportText.Number(metrics.WithinTolerance)}";
                    element.Add(new XElement("failure", new XAttribute("message", message), new XAttribute("type", "Device")));
                }
                yield return element;
            }
            foreach (var problem in column.Problems)
            {
                yield return new XElement("testcase", new XAttribute("classname", column.Runtime), new XAttribute("name", problem),
                    new XElement("skipped", new XAttribute("message", problem)));
            }
        }
    }

    /// <summary>A value's name as the device tables show it: probes are marked.</summary>
    public static string Label(DeviceValueResult value) => value.IsProbe ? $"{value.Name} (probe)" : $"{value.Name} (output)";

    public static string Abs(ErrorMetrics? m) => m is null ? "-" : ReportText.Number(m.MaxAbsError);

    public static string Rel(ErrorMetrics? m) => m is null ? "-" : ReportText.Number(m.MaxRelError);

    public static string Within(ErrorMetrics? m) => m is null ? "-" : ReportText.Number(m.WithinTolerance);

    private static void Metrics(Utf8JsonWriter w, string key, ErrorMetrics? m)
    {
        if (m is null)
        {
            w.WriteNull(key);
            return;
        }
        w.WriteStartObject(key);
        w.WriteNumber("count", m.Count);
        JsonReport.Number(w, "maxAbsError", m.MaxAbsError);
        JsonReport.Number(w, "maxRelError", m.MaxRelError);
        JsonReport.Number(w, "rmse", m.Rmse);
        JsonReport.Number(w, "cosineSimilarity", m.CosineSimilarity);
        JsonReport.Number(w, "snrDb", m.SnrDb);
        JsonReport.Number(w, "withinTolerance", m.WithinTolerance);
        w.WriteBoolean("agrees", m.Agrees);
        w.WriteEndObject();
    }


    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
