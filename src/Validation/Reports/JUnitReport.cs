using System.Globalization;
using System.Xml.Linq;
using Parity.Validation.Comparison;

namespace Parity.Validation.Reports;

/// <summary>
/// Writes a <see cref="ComparisonReport"/> as JUnit XML for CI dashboards: one test case per model output and per
/// matched layer (class names "outputs" and "layers"), failing with the metrics when out of tolerance, plus one
/// skipped case per value or layer that could not be checked.
/// </summary>
public static class JUnitReport
{
    public static XDocument Render(ComparisonReport report)
    {
        var suiteName = $"parity {report.ModelA.Role} {Path.GetFileName(report.ModelA.File)} vs {report.ModelB.Role} {Path.GetFileName(report.ModelB.File)}";
        var cases = new List<XElement>();
        foreach (var p in report.Pairs.Where(p => p.IsOutput)) cases.Add(Case("outputs", p));
        foreach (var p in report.Pairs) cases.Add(Case("layers", p));
        foreach (var u in report.UnmatchedA)
        {
            cases.Add(Skipped("unmatched", u.Name, $"no counterpart in {report.ModelB.Role}"));
        }
        foreach (var item in report.UncheckedA.Concat(report.UncheckedB)) cases.Add(Skipped("unchecked", item, item));
        if (report.Labels is { } labels)
        {
            var labelCase = new XElement("testcase", new XAttribute("classname", "labels"), new XAttribute("name", "class label order"));
            if (!labels.Agrees) labelCase.Add(new XElement("failure", new XAttribute("message", $"{labels.Misplaced.Count} of {labels.Count} class labels misplaced ({labels.Basis})"), new XAttribute("type", "LabelOrder")));
            cases.Add(labelCase);
        }
        if (report.Diagnosis is { } diagnosis)
        {
            // The diagnosis explains failures already counted; it is a failing case only so CI shows its sentence next to them.
            cases.Add(new XElement("testcase", new XAttribute("classname", "diagnosis"), new XAttribute("name", diagnosis.DivergencePoint ?? "(model)"),
                new XElement("failure", new XAttribute("message", diagnosis.Summary), new XAttribute("type", diagnosis.Named is { } n ? Diagnosis.DiagnosisCauses.Name(n.Cause) : "unexplained"),
                    string.Join("\n", diagnosis.Trials.Select(ReportText.Trial).Prepend(ReportText.Before(diagnosis))))));
        }
        if (report.Device is { } device) cases.AddRange(DeviceSections.JUnitCases(device));
        var failures = cases.Count(c => c.Element("failure") is not null);
        var skipped = cases.Count(c => c.Element("skipped") is not null);
        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("skipped", skipped),
            new XElement("properties",
                Property("tolerance", report.Tolerance.Name),
                Property("seed", report.Seed.ToString(CultureInfo.InvariantCulture)),
                Property("samples", report.Samples.ToString(CultureInfo.InvariantCulture)),
                Property("verdict", ReportText.Verdict(report.Verdict)),
                Property("divergencePoint", report.DivergencePoint ?? ""),
                Property("toleranceAutoSelected", report.ToleranceAutoSelected ?? ""),
                Property("diagnosis", report.Diagnosis?.Named is { } cause ? Diagnosis.DiagnosisCauses.Name(cause.Cause) : "")),
            cases);
        return new XDocument(new XElement("testsuites",
            new XAttribute("tests", cases.Count), new XAttribute("failures", failures), new XAttribute("skipped", skipped), suite));
    }

    private static XElement Case(string className, ValuePairResult pair)
    {
        var element = new XElement("testcase", new XAttribute("classname", className), new XAttribute("name", pair.A == pair.B ? pair.A : $"{pair.A} ~ {pair.B}"));
        if (pair.Verdict != PairVerdict.Agrees)
        {
            var kind = pair.Verdict == PairVerdict.Diverges ? "diverges here" : "inherited error";
            element.Add(new XElement("failure", new XAttribute("message", $"{kind}: {ReportText.Failure(pair)}"), new XAttribute("type", pair.Verdict.ToString())));
        }
        return element;
    }

    private static XElement Skipped(string className, string name, string why) =>
        new("testcase", new XAttribute("classname", className), new XAttribute("name", name), new XElement("skipped", new XAttribute("message", why)));

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));
}
