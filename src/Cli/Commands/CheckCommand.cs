using System.CommandLine;
using Parity.Cli.Rendering;
using Parity.Spec;
using Parity.Spec.CoreML.Edits;
using Parity.Validation;
using Parity.Validation.Comparison;
using Parity.Validation.Diagnosis;
using Parity.Validation.Metrics;
using Parity.Validation.Reference;
using Parity.Validation.Reports;
using Parity.Validation.Runtimes;
using Parity.Validation.Runtimes.CoreML;
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
        var modelB = new Argument<string?>(roleB) { Description = $"The {roleB} model file.", Arity = ArgumentArity.ZeroOrOne };
        var tolerance = new Option<string?>("--tolerance") { Description = "fp32 (default; fp16 when the converted model computes in or stores float16), fp16, quantized, exact, or atol=A,rtol=R." };
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
        var labels = new Option<string?>("--labels") { Description = $"FILE with the {roleA}'s class names, one per line in its output index order: the {roleB} classifier's labels are checked name by name." };
        var precision = new Option<string?>("--precision") { Description = $"Compute the {roleB} model in fp16 or fp32 instead of its own precision." };
        precision.AcceptOnlyFromAmong("fp16", "fp32");
        var inputs = new Option<string[]>("--input") { Description = $"NAME=FILE (.npy, or a .png/.jpg picture as raw pixels) for a {roleB} input, used instead of seeded values; repeatable." };
        var shapes = new Option<string[]>("--shape") { Description = $"NAME=1x3x224x224: the size to feed a flexible-shape {roleB} input in; repeatable." };
        var resize = new Option<bool>("--resize") { Description = "Resize --input pictures to the input's size instead of refusing other sizes." };
        var sourceOutputs = new Option<string?>("--source-outputs") { Description = $"A folder of NAME.npy tensors dumped from the {roleA} framework, checked instead of a {roleA} model file; give only the {roleB} model." };
        var runtime = new Option<string>("--runtime") { Description = $"Also run the {roleB} model on a device runtime and compare its outputs: {RuntimeSelection.Syntax}.", DefaultValueFactory = _ => "managed" };
        var probes = new Option<string[]>("--probe") { Description = $"With --runtime coreml and an ML Program {roleB}: also return this intermediate value from Core ML; repeatable." };
        var command = new Command(name, description) { modelA, modelB, tolerance, seed, samples, layers, reports, map, overwrite, config, range, sourcePreprocess, labels, precision, inputs, shapes, resize, sourceOutputs, runtime, probes };
        command.SetAction(parse =>
        {
            var selection = RuntimeSelection.Parse(parse.GetValue(runtime)!);
            if (selection.UnavailableReason is { } reason)
            {
                context.Error.WriteLine($"parity: {reason}");
                return ExitCodes.BadInput;
            }
            var probeNames = parse.GetValue(probes) ?? [];
            if (probeNames.Length > 0 && !selection.IsCoreML) throw new ArgumentException("--probe needs --runtime coreml: it asks Core ML for an intermediate value; the managed engine compares every layer already.");
            if (selection.IsCoreML && parse.GetValue(sourceOutputs) is not null) throw new ArgumentException("--runtime coreml compares the device with a source model; with --source-outputs, run the device with `parity run --runtime coreml` instead.");
            if (selection.IsCoreML) CoreMLFeature.RequireCoreMLFile(parse.GetValue(modelB) ?? parse.GetValue(modelA)!);
            var reportFiles = parse.GetValue(reports) ?? [];
            ReportFiles.CheckWritable(reportFiles, parse.GetValue(overwrite));
            var options = new ComparisonOptions
            {
                Tolerance = Tolerance.Parse(parse.GetValue(tolerance) ?? "fp32"),
                Seed = parse.GetValue(seed),
                Samples = parse.GetValue(samples),
                Layers = parse.GetValue(layers) == "outputs" ? LayerScope.Outputs : LayerScope.All,
                InputMap = ParseMap(parse.GetValue(map) ?? []),
                RoleA = roleA,
                RoleB = roleB,
                PrecisionB = parse.GetValue(precision) switch { "fp16" => Engine.Graph.Precision.Float16, "fp32" => Engine.Graph.Precision.Float32, _ => null },
            };
            options.Validate();
            var recorded = parse.GetValue(sourceOutputs);
            var (pathA, pathB) = (parse.GetValue(modelA)!, parse.GetValue(modelB));
            if (recorded is not null && pathB is not null) throw new ArgumentException($"Give either a {roleA} model or --source-outputs, not both.");
            if (recorded is null && pathB is null) throw new ArgumentException($"`parity {name}` needs the {roleA} and the {roleB} model files (or --source-outputs DIR and the {roleB} model).");
            // A Core ML model may leave its sequence length open: it takes the one the source model's inputs hold.
            var sourceLoad = new ModelLoadOptions { KerasConfigPath = parse.GetValue(config) };
            var source = recorded is null ? ModelFiles.Load(pathA, sourceLoad) : null;
            var b = source is not null ? ModelFiles.LoadCounterpart(pathB!, source) : ModelFiles.Load(pathB ?? pathA);
            var chosenShapes = InputArguments.ReadShapes(parse.GetValue(shapes) ?? [], b.Graph.Inputs.Select(i => i.Name).ToList());
            Spec.CoreML.CoreMLFlexibleShapes.Validate(pathB ?? pathA, chosenShapes);
            var given = InputArguments.Read(parse.GetValue(inputs) ?? [], b, chosenShapes, parse.GetValue(resize));
            options = options with { GivenInputs = given, InputShapes = chosenShapes };
            Func<ComparisonReport> compare;
            if (recorded is not null)
            {
                var reference = RecordedReference.Load(recorded, b);
                var (chosen, autoReason) = ConversionCheck.ChooseTolerance(b, options, parse.GetValue(tolerance) is not null);
                compare = () => ReferenceComparison.Compare(reference, b, chosen) with { ToleranceAutoSelected = autoReason };
            }
            else
            {
                options = options with
                {
                    Preprocessing = parse.GetValue(range) is { } text
                        ? Ranges(text, b)
                        : b.ImageInputs.ToDictionary(i => i.Key, i => SourcePreprocessing.For(parse.GetValue(sourcePreprocess), i.Value)),
                };
                var labelsFile = parse.GetValue(labels);
                var settings = new DiagnosisSettings
                {
                    ToleranceGiven = parse.GetValue(tolerance) is not null,
                    Labels = labelsFile is null ? null : LabelOrder.Read(labelsFile),
                    LabelsFile = labelsFile,
                    SourcePreprocessing = parse.GetValue(range) is null ? image => SourcePreprocessing.For(parse.GetValue(sourcePreprocess), image) : null,
                };
                var (a, reloaded) = SourceModels.Fit(source!, pathA, sourceLoad, b, options);
                compare = () =>
                {
                    var result = ConversionCheck.Run(a, b, options, settings);
                    if (reloaded is not null) result = result with { Notes = [reloaded, .. result.Notes] };
                    return selection.IsCoreML ? result with { Device = OnDevice(a, b, pathB!, selection, options, probeNames) } : result;
                };
            }
            var running = selection.IsCoreML ? $"Running {roleA} and {roleB} on {options.Samples} sample(s), and {roleB} in Core ML..." : $"Running {roleA} and {roleB} on {options.Samples} sample(s)...";
            var report = context.Console.Status().Start(running, _ => compare());
            foreach (var t in given.Values) t.Dispose();

            ComparisonView.Write(context.Console, report);
            if (report.Device is { } results) WriteDevice(context.Console, results, roleA);
            foreach (var file in reportFiles)
            {
                ReportFiles.Write(file, report, parse.GetValue(overwrite));
                context.Console.MarkupLineInterpolated($"[grey]report written to {file}[/]");
            }
            return report.Verdict switch
            {
                ComparisonVerdict.Agree when report.Device is { Agrees: false } => ExitCodes.Disagree,
                ComparisonVerdict.Agree => ExitCodes.Agree,
                ComparisonVerdict.Disagree => ExitCodes.Disagree,
                _ => ExitCodes.Unsupported,
            };
        });
        return command;
    }

    // Probes run on a temporary copy of the package whose outputs include them; the copy is deleted afterwards.
    private static DeviceResults OnDevice(ExecutableModel a, ExecutableModel b, string bPath, RuntimeSelection selection, ComparisonOptions options, IReadOnlyList<string> probes)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "parity-probe");
        var package = probes.Count > 0 ? ProgramProbe.WritePackage(bPath, probes, scratch) : bPath;
        var sessions = new List<IRuntimeSession>();
        try
        {
            foreach (var runtime in selection.Create()) sessions.Add(runtime.Open(package, b));
            return DeviceComparison.Compare(a, b, sessions, options, probes);
        }
        finally
        {
            foreach (var session in sessions) session.Dispose();
            if (probes.Count > 0) Directory.Delete(Path.GetDirectoryName(package)!, recursive: true);
        }
    }

    private static void WriteDevice(IAnsiConsole console, DeviceResults device, string roleA)
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
