using Parity.Validation.Reports;
using Parity.Validation.Runtimes;
using Spectre.Console;

namespace Parity.Cli.Rendering;

/// <summary>Renders the device runtime results of a check: one table per runtime, compute-unit comparisons, notes, and the device verdict.</summary>
internal static class DeviceView
{
    public static void Write(IAnsiConsole console, DeviceResults device, string roleA)
    {
        foreach (var column in device.Columns)
        {
            var table = new Table().Border(TableBorder.Simple).Title(column.Runtime);
            table.AddColumns("Value", roleA, $"vs {roleA} max abs", $"vs {roleA} max rel", "vs managed max abs", "vs managed max rel", "Verdict");
            foreach (var v in column.Values)
            {
                var agrees = v.VsSource?.Agrees ?? v.VsManaged?.Agrees ?? false;
                table.AddRow(Markup.Escape(DeviceSections.Label(v)), Markup.Escape(v.SourceName ?? "-"), DeviceSections.Abs(v.VsSource), DeviceSections.Rel(v.VsSource),
                    DeviceSections.Abs(v.VsManaged), DeviceSections.Rel(v.VsManaged), agrees ? "[green]ok[/]" : "[red bold]DIFFERS[/]");
            }
            console.Write(table);
            foreach (var problem in column.Problems) console.MarkupLineInterpolated($"[red]not computed on {column.Runtime}:[/] {problem}");
        }
        foreach (var u in device.UnitComparisons)
        {
            console.MarkupLineInterpolated($"{u.RuntimeB} vs {u.RuntimeA}, {u.Output}: max abs {DeviceSections.Abs(u.Metrics)}, max rel {DeviceSections.Rel(u.Metrics)}, within tolerance {DeviceSections.Within(u.Metrics)}");
        }
        foreach (var note in device.Notes) console.MarkupLineInterpolated($"[grey]note:[/] {note}");
        console.MarkupLine(device.Agrees ? "[green bold]DEVICE AGREES: the Core ML outputs match the source.[/]" : "[red bold]DEVICE DISAGREES: some Core ML output breaks tolerance against the source or was not computed.[/]");
    }
}
