using Parity.Spec;
using Spectre.Console;

namespace Parity.Cli.Rendering;

/// <summary>Renders a <see cref="ModelSummary"/> as the `parity inspect` report.</summary>
internal static class SummaryView
{
    public static void Write(IAnsiConsole console, ModelSummary summary)
    {
        console.MarkupLineInterpolated($"[bold]{summary.File}[/]  ({summary.Format})");
        foreach (var (key, value) in summary.Properties) console.MarkupLineInterpolated($"  {key}: {value}");

        console.WriteLine();
        WriteFeatures(console, "Inputs", summary.Inputs);
        WriteFeatures(console, "Outputs", summary.Outputs);

        var table = new Table().Border(TableBorder.Simple).Title($"{summary.Layers.Count} layers");
        table.AddColumn("Layer");
        table.AddColumn("Type");
        table.AddColumn("Inputs");
        if (summary.Layers.Any(l => l.OutputShape.Length > 0)) table.AddColumn("Output shape");
        table.AddColumn(new TableColumn("Params").RightAligned());
        var withShapes = table.Columns.Count == 5;
        foreach (var layer in summary.Layers)
        {
            var type = layer.Unsupported is null ? Markup.Escape(layer.Type) : $"[red]{Markup.Escape(layer.Type)} (unsupported)[/]";
            var cells = new List<string> { Markup.Escape(layer.Name), type, Markup.Escape(layer.Inputs) };
            if (withShapes) cells.Add(Markup.Escape(layer.OutputShape));
            cells.Add(layer.Parameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        console.MarkupLineInterpolated($"Total params: {summary.TotalParameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}");
        foreach (var note in summary.Notes) console.MarkupLineInterpolated($"[yellow]note:[/] {note}");
        foreach (var layer in summary.Layers.Where(l => l.Unsupported is not null))
        {
            console.MarkupLineInterpolated($"[red]unsupported:[/] {layer.Name} ({layer.Type}): {layer.Unsupported}");
        }
    }

    private static void WriteFeatures(IAnsiConsole console, string title, IReadOnlyList<FeatureSummary> features)
    {
        console.MarkupLineInterpolated($"[bold]{title}[/]");
        foreach (var f in features)
        {
            var description = f.Description is null ? "" : $"  {f.Description}";
            console.MarkupLineInterpolated($"  {f.Name}: {f.Type}{description}");
        }
    }
}
