using System.CommandLine;
using Parity.Cli.Rendering;
using Parity.Spec;
using Parity.Validation.Comparison;
using Parity.Validation.Metrics;
using Parity.Validation.Reports;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary>
/// `parity check SOURCE CONVERTED`: runs both models on the same seeded inputs and reports, layer by layer, whether
/// the conversion computes what the source computes, and where it first diverges. `parity diff` shares this machinery.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context) =>
        Build(context, "check", "Check a converted model against its source, layer by layer.", "source", "converted");

    /// <summary>A comparison command whose two model arguments play the roles <paramref name="roleA"/> (the reference) and <paramref name="roleB"/>.</summary>
    public static Command Build(CliContext context, string name, string description, string roleA, string roleB)
    {
        var modelA = new Argument<string>(roleA) { Description = $"The {roleA} model file (the reference)." };
        var modelB = new Argument<string>(roleB) { Description = $"The {roleB} model file." };
        var tolerance = new Option<string>("--tolerance") { Description = "fp32 (default), fp16, quantized, exact, or atol=A,rtol=R.", DefaultValueFactory = _ => "fp32" };
        var seed = new Option<int>("--seed") { Description = "Seed of the first random input.", DefaultValueFactory = _ => 0 };
        var samples = new Option<int>("--samples") { Description = "How many seeded inputs to check; the worst result per layer is reported.", DefaultValueFactory = _ => 1 };
        var layers = new Option<string>("--layers") { Description = "outputs, or all (default): every layer that can be matched.", DefaultValueFactory = _ => "all" };
        layers.AcceptOnlyFromAmong("outputs", "all");
        var reports = new Option<string[]>("--report") { Description = $"Write the report to FILE ({ReportFiles.SupportedExtensions}); repeatable." };
        var map = new Option<string[]>("--map") { Description = $"Pair inputs by hand: {roleA.ToUpperInvariant()}_INPUT={roleB.ToUpperInvariant()}_INPUT; repeatable." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace report files that already exist." };
        var range = new Option<string?>("--range") { Description = "LO,HI: draw float inputs uniformly from [LO, HI) instead of [0, 1)." };
        var config = new Option<string?>("--config") { Description = $"The {roleA} model's JSON config (model.to_json()) when it is a Keras weights-only .h5 file." };
        var sourcePreprocess = new Option<string?>("--source-preprocess") { Description = $"What the {roleA}'s own pipeline does to raw image pixels: {SourcePreprocessing.Modes}. Default: RGB with the {roleB} model's own scale and bias." };
        var command = new Command(name, description) { modelA, modelB, tolerance, seed, samples, layers, reports, map, overwrite, config, range, sourcePreprocess };
        command.SetAction(parse =>
        {
            var reportFiles = parse.GetValue(reports) ?? [];
            ReportFiles.CheckWritable(reportFiles, parse.GetValue(overwrite));
            var options = new ComparisonOptions
            {
                Tolerance = Tolerance.Parse(parse.GetValue(tolerance)!),
                Seed = parse.GetValue(seed),
                Samples = parse.GetValue(samples),
                Layers = parse.GetValue(layers) == "outputs" ? LayerScope.Outputs : LayerScope.All,
                InputMap = ParseMap(parse.GetValue(map) ?? []),
                RoleA = roleA,
                RoleB = roleB,
            };
            options.Validate();
            var a = ModelFiles.Load(parse.GetValue(modelA)!, new ModelLoadOptions { KerasConfigPath = parse.GetValue(config) });
            var b = ModelFiles.LoadCounterpart(parse.GetValue(modelB)!, a);
            options = options with
            {
                Preprocessing = parse.GetValue(range) is { } text
                    ? Ranges(text, b)
                    : b.ImageInputs.ToDictionary(i => i.Key, i => SourcePreprocessing.For(parse.GetValue(sourcePreprocess), i.Value)),
            };
            var report = context.Console.Status().Start($"Running {roleA} and {roleB} on {options.Samples} sample(s)...", _ => ModelComparison.Compare(a, b, options));

            ComparisonView.Write(context.Console, report);
            foreach (var file in reportFiles)
            {
                ReportFiles.Write(file, report, parse.GetValue(overwrite));
                context.Console.MarkupLineInterpolated($"[grey]report written to {file}[/]");
            }
            return report.Verdict switch
            {
                ComparisonVerdict.Agree => ExitCodes.Agree,
                ComparisonVerdict.Disagree => ExitCodes.Disagree,
                _ => ExitCodes.Unsupported,
            };
        });
        return command;
    }

    // Every float input of the second model gets the range; both models then see the same values.
    private static Dictionary<string, InputPreprocessing> Ranges(string text, ExecutableModel model)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (parts.Length != 2 || !float.TryParse(parts[0], culture, out var low) || !float.TryParse(parts[1], culture, out var high) || !(low < high))
        {
            throw new ArgumentException($"--range '{text}' is not LO,HI with LO < HI.");
        }
        return model.Graph.Inputs.Where(i => Engine.Tensors.DTypeInfo.IsFloatingPoint(i.Type.DType)).ToDictionary(
            i => i.Name, _ => new InputPreprocessing(low, high, 1, [], false, "the same values"));
    }

    private static Dictionary<string, string> ParseMap(IEnumerable<string> entries)
    {
        var result = new Dictionary<string, string>();
        foreach (var entry in entries)
        {
            var eq = entry.IndexOf('=');
            if (eq <= 0 || eq == entry.Length - 1) throw new ArgumentException($"--map '{entry}' is not A_INPUT=B_INPUT.");
            if (!result.TryAdd(entry[..eq], entry[(eq + 1)..])) throw new ArgumentException($"--map names input '{entry[..eq]}' twice.");
        }
        return result;
    }
}
