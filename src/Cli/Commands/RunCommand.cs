using System.CommandLine;
using System.Globalization;
using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec;
using Parity.Spec.CoreML.Features;
using Parity.Validation.Inputs;
using Parity.Validation.Running;
using Parity.Validation.Runtimes;
using Parity.Validation.Runtimes.CoreML;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary>`parity run MODEL`: executes one model on given or seeded random inputs and shows or writes its outputs.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The model file: Keras .h5/.hdf5/.keras, Core ML .mlmodel or .mlpackage." };
        var inputs = new Option<string[]>("--input") { Description = "NAME=FILE.npy for an input; inputs not given get seeded random values.", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string?>("--output")
        {
            Description = "Folder to write each output as <name>.npy (and layers/<layer>.npy with --dump-layers); a classifier's predicted labels and label probabilities also go to classifier.json.",
        };
        var dumpLayers = new Option<bool>("--dump-layers") { Description = "Also record every layer's output." };
        var seed = new Option<int>("--seed") { Description = "Seed for random inputs.", DefaultValueFactory = _ => 0 };
        var config = new Option<string?>("--config") { Description = "The model's JSON config (model.to_json()) for a Keras weights-only .h5 file." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace files that already exist in the --output folder." };
        var runtime = new Option<string>("--runtime") { Description = $"Where to run the model: {RuntimeSelection.Syntax}.", DefaultValueFactory = _ => "managed" };
        var precision = new Option<string?>("--precision")
        {
            Description = "fp16 rounds every op result to half (Core ML's FLOAT16 compute), fp32 computes in float32; by default the model's own precision.",
        };
        precision.AcceptOnlyFromAmong("fp16", "fp32");
        var command = new Command("run", "Run a model on given or random inputs.") { model, inputs, output, dumpLayers, seed, config, overwrite, runtime, precision };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            var selection = RuntimeSelection.Parse(parse.GetValue(runtime)!);
            if (selection.UnavailableReason is { } reason)
            {
                context.Error.WriteLine($"parity: {reason}");
                return ExitCodes.BadInput;
            }
            if (selection.IsCoreML) return RunOnDevice(context, selection, path, parse.GetValue(inputs) ?? [], parse.GetValue(seed), parse.GetValue(dumpLayers), parse.GetValue(output), parse.GetValue(overwrite));
            var declared = ModelFiles.Load(path, new ModelLoadOptions { KerasConfigPath = parse.GetValue(config) });
            var given = InputArguments.Read(parse.GetValue(inputs) ?? [], declared.Graph.Inputs.Select(i => i.Name).ToList());
            // Inputs given as files may fix sizes the model leaves open, so the model is read again with their shapes.
            var executable = given.Count == 0 ? declared : ModelFiles.Load(path, new ModelLoadOptions
            {
                KerasConfigPath = parse.GetValue(config),
                InputShapes = given.ToDictionary(kv => kv.Key, kv => kv.Value.Shape),
            });
            var random = new RandomInputs(parse.GetValue(seed)).Create(executable.Graph.Inputs
                .Where(i => !given.ContainsKey(i.Name)).Select(i => KeyValuePair.Create(i.Name, i.Type)), executable.IndexCount);
            var all = given.Concat(random).ToDictionary(kv => kv.Key, kv => CastTo(kv.Value, executable, kv.Key));
            Precision? chosen = parse.GetValue(precision) switch
            {
                "fp16" => Precision.Float16,
                "fp32" => Precision.Float32,
                _ => null,
            };
            using var run = ModelRun.Execute(executable, all, parse.GetValue(dumpLayers), chosen);

            context.Console.MarkupLineInterpolated($"[grey]precision: {(chosen ?? executable.Precision) switch { Precision.Float16 => "fp16 (every op result rounded to half)", _ => "fp32" }}{(chosen is null ? " (the model's own)" : "")}[/]");
            WriteReport(context.Console, run, random.Keys);
            using var probabilities = executable.Classifier is { } classifier && run.Outputs.TryGetValue(classifier.ProbabilityValue, out var p) ? p.ToFloat32() : null;
            if (probabilities is not null) context.Console.Write(ClassifierTable(executable.Classifier!, probabilities.Floats));
            if (parse.GetValue(output) is { } folder)
            {
                var files = new OutputFolder(folder, parse.GetValue(overwrite));
                foreach (var (name, value) in run.Outputs) files.Add("", name, value);
                if (probabilities is not null) files.AddText(ClassifierJson.FileName, ClassifierJson.Write(executable.Classifier!, probabilities.Floats));
                foreach (var (layer, value) in run.Layers) files.Add("layers", layer.Name, value);
                context.Console.MarkupLineInterpolated($"Wrote {files.Commit().Count} file(s) to {folder}");
            }
            foreach (var (_, t) in all) t.Dispose();
            return run.Complete ? ExitCodes.Agree : ExitCodes.Unsupported;
        });
        return command;
    }

    // A .npy of another dtype (e.g. float64 from NumPy defaults) is converted to what the model declares.
    private static Tensor CastTo(Tensor value, ExecutableModel model, string input)
    {
        var declared = model.Graph.Inputs.First(i => i.Name == input).Type.DType;
        if (value.DType == declared) return value;
        using var floats = value.ToFloat32();
        return floats.CastFromFloat32(declared);
    }

    // Core ML reads the file itself: inputs come from its declared features, so models the managed readers cannot run still run here.
    private static int RunOnDevice(CliContext context, RuntimeSelection selection, string path, string[] inputArguments, int seed, bool dumpLayers, string? folder, bool overwrite)
    {
        if (dumpLayers) throw new ArgumentException("--dump-layers needs --runtime managed: only model outputs come from Core ML (use `parity check --probe LAYER` for an ML Program's intermediate values).");
        var (declared, _) = CoreMLFeature.ReadFile(path);
        var given = InputArguments.Read(inputArguments, declared.Select(f => f.Name).ToList());
        var random = DeviceInputs.Random(declared, seed, given.Keys);
        var all = given.Concat(random).ToDictionary(kv => kv.Key, kv => kv.Value);
        var files = folder is null ? null : new OutputFolder(folder, overwrite);
        var complete = true;
        try
        {
            foreach (var name in random.Keys) context.Console.MarkupLineInterpolated($"[grey]input {name}: seeded random values[/]");
            foreach (var (runtime, units) in selection.Create().Zip(selection.Units))
            {
                using var session = runtime.Open(path);
                using var outputs = session.Predict(all);
                context.Console.MarkupLineInterpolated($"[bold]{runtime.Name}[/] (only model outputs come from the device)");
                context.Console.Write(OutputTable(outputs.Outputs));
                foreach (var problem in outputs.Problems) context.Console.MarkupLineInterpolated($"[yellow]not computed:[/] {problem}");
                complete &= outputs.Problems.Count == 0;
                foreach (var (name, value) in outputs.Outputs) files?.Add(selection.Units.Count > 1 ? ComputeUnitNames.Of(units) : "", name, value.Clone());
            }
            if (files is not null) context.Console.MarkupLineInterpolated($"Wrote {files.Commit().Count} file(s) to {folder}");
        }
        finally
        {
            foreach (var (_, t) in all) t.Dispose();
        }
        return complete ? ExitCodes.Agree : ExitCodes.Unsupported;
    }

    private static void WriteReport(IAnsiConsole console, ModelRun run, IEnumerable<string> randomInputs)
    {
        foreach (var name in randomInputs) console.MarkupLineInterpolated($"[grey]input {name}: seeded random values[/]");
        console.Write(OutputTable(run.Outputs));
        foreach (var layer in run.Model.Unsupported) console.MarkupLineInterpolated($"[red]unsupported:[/] {layer}");
        foreach (var failure in run.Failures) console.MarkupLineInterpolated($"[red]failed:[/] {failure}");
        foreach (var missing in run.MissingOutputs) console.MarkupLineInterpolated($"[yellow]not computed:[/] {missing}");
    }

    /// <summary>The most probable class per prediction (the classifier's label output), at most <see cref="ShownPredictions"/> rows.</summary>
    private static Table ClassifierTable(ClassifierOutput classifier, ReadOnlySpan<float> probabilities)
    {
        var predictions = classifier.Predict(probabilities);
        var table = new Table().Border(TableBorder.Simple);
        if (predictions.Count > 1) table.AddColumn("Row");
        table.AddColumns(Markup.Escape(classifier.LabelOutputName ?? "Predicted label"), "Probability");
        foreach (var (prediction, row) in predictions.Take(ShownPredictions).Select((p, k) => (p, k)))
        {
            var cells = new List<string> { Markup.Escape(prediction.Label), Format(prediction.Probability) };
            if (predictions.Count > 1) cells.Insert(0, row.ToString(CultureInfo.InvariantCulture));
            table.AddRow(cells.ToArray());
        }
        if (predictions.Count > ShownPredictions) table.Caption($"{predictions.Count - ShownPredictions} more rows in classifier.json (--output)");
        return table;
    }

    private const int ShownPredictions = 20;

    private static Table OutputTable(IReadOnlyDictionary<string, Tensor> outputs)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumns("Output", "Shape", "Min", "Max", "Mean");
        foreach (var (name, value) in outputs)
        {
            using var f = value.ToFloat32();
            var v = f.Floats;
            var (min, max, sum) = (float.PositiveInfinity, float.NegativeInfinity, 0.0);
            foreach (var x in v)
            {
                min = Math.Min(min, x);
                max = Math.Max(max, x);
                sum += x;
            }
            table.AddRow(Markup.Escape(name), Markup.Escape(value.Shape.ToString()), Format(min), Format(max), Format(v.Length == 0 ? 0 : sum / v.Length));
        }
        return table;
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
