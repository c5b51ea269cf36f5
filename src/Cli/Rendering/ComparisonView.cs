using Parity.Validation.Comparison;
using Parity.Validation.Reports;
using Spectre.Console;

namespace Parity.Cli.Rendering;

/// <summary>Renders a <see cref="ComparisonReport"/> on the console: inputs, a per-value table, what stayed unmatched, and the verdict last.</summary>
internal static class ComparisonView
{
    public static void Write(IAnsiConsole console, ComparisonReport report)
    {
        console.MarkupLineInterpolated($"[bold]{report.ModelA.Role}[/]: {report.ModelA.File} ({report.ModelA.Format})");
        console.MarkupLineInterpolated($"[bold]{report.ModelB.Role}[/]: {report.ModelB.File} ({report.ModelB.Format})");
        console.MarkupLineInterpolated($"[grey]tolerance {ReportText.Tolerance(report)}[/]");
        foreach (var input in report.Inputs)
        {
            console.MarkupLineInterpolated($"[grey]input {input.A} {input.AType} <- {input.B} {input.BType} (by {ReportText.Match(input.MatchedBy)}, layout {LayoutTransforms.Describe(input.Layout)})[/]");
        }

        var table = new Table().Border(TableBorder.Simple);
        table.AddColumns("Layer", report.ModelB.Role, "Match", "Max abs", "Max rel", "Cosine", "Verdict");
        foreach (var column in table.Columns.Skip(3).Take(3)) column.RightAligned();
        foreach (var p in report.Pairs)
        {
            var verdict = p.Verdict switch
            {
                PairVerdict.Agrees => "[green]ok[/]",
                PairVerdict.Diverges => "[red bold]DIVERGES[/]",
                _ => "[yellow]inherited[/]",
            };
            var match = ReportText.Match(p.MatchedBy) + (p.Layout is LayoutTransform.None ? "" : $" ({LayoutTransforms.Describe(p.Layout)})");
            table.AddRow(Markup.Escape(p.A + (p.IsOutput ? " (output)" : "")), Markup.Escape(p.B), Markup.Escape(match),
                ReportText.Number(p.Metrics.MaxAbsError), ReportText.Number(p.Metrics.MaxRelError), ReportText.Number(p.Metrics.CosineSimilarity), verdict);
        }
        console.Write(table);

        foreach (var p in report.Pairs.Where(p => p.Classifier is not null))
        {
            var c = p.Classifier!;
            console.MarkupLineInterpolated($"classifier {p.A}: top-1 agreement {ReportText.Number(c.Top1Agreement)}, top-5 agreement {ReportText.Number(c.Top5Agreement)} (top class {c.TopClassA} vs {c.TopClassB})");
        }
        foreach (var u in report.UnmatchedA) console.MarkupLineInterpolated($"[yellow]unmatched in {report.ModelA.Role}:[/] {u.Name} ({u.LayerType}) {u.Shape}");
        foreach (var u in report.UnmatchedB) console.MarkupLineInterpolated($"[yellow]unmatched in {report.ModelB.Role}:[/] {u.Name} ({u.LayerType}) {u.Shape}");
        foreach (var item in report.UncheckedA) console.MarkupLineInterpolated($"[red]not checked in {report.ModelA.Role}:[/] {item}");
        foreach (var item in report.UncheckedB) console.MarkupLineInterpolated($"[red]not checked in {report.ModelB.Role}:[/] {item}");
        foreach (var note in report.Notes) console.MarkupLineInterpolated($"[grey]note:[/] {note}");
        foreach (var p in report.Pairs.Where(p => p.Verdict == PairVerdict.Diverges))
        {
            console.MarkupLineInterpolated($"[red]diverges at {p.A}:[/] {ReportText.Failure(p)}");
        }
        if (report.Labels is { } labels)
        {
            if (labels.Agrees) console.MarkupLineInterpolated($"[grey]class labels: all {labels.Count} in the source's order ({labels.Basis})[/]");
            foreach (var m in labels.Misplaced)
            {
                console.MarkupLineInterpolated($"[red]misplaced label[/] '{m.Label}' at position {m.Position}, expected at {(m.ExpectedPosition < 0 ? "none" : m.ExpectedPosition.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
            }
        }
        if (report.PrecisionComparison is { } precision)
        {
            var rows = new Table().Border(TableBorder.Simple).Title(Markup.Escape($"fp16 run beside an fp32 run of {report.ModelB.Role}"));
            rows.AddColumns("Layer", "fp16 max abs", "fp16 max rel", "fp32 max abs", "fp32 max rel");
            foreach (var column in rows.Columns.Skip(1)) column.RightAligned();
            foreach (var r in precision.Rows)
            {
                rows.AddRow(Markup.Escape(r.A), ReportText.Number(r.Fp16MaxAbs) + (r.Fp16Agrees ? "" : " !"), ReportText.Number(r.Fp16MaxRel),
                    ReportText.Number(r.Fp32MaxAbs) + (r.Fp32Agrees ? "" : " !"), ReportText.Number(r.Fp32MaxRel));
            }
            console.Write(rows);
        }
        if (report.Diagnosis is { } diagnosis)
        {
            console.MarkupLineInterpolated($"[grey]diagnosis {ReportText.Before(diagnosis)}[/]");
            foreach (var t in diagnosis.Trials) console.MarkupLineInterpolated($"[grey]  tried {ReportText.Trial(t)}[/]");
            console.MarkupLineInterpolated($"[{(diagnosis.Named is null ? "yellow" : "red")} bold]diagnosis:[/] {diagnosis.Summary}");
        }
        var color = report.Verdict switch { ComparisonVerdict.Agree => "green", ComparisonVerdict.Disagree => "red", _ => "yellow" };
        console.MarkupLine($"[{color} bold]{Markup.Escape(ReportText.Summary(report))}[/]");
    }
}
