using System.CommandLine;
using System.Globalization;
using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec;
using Parity.Validation.Inputs;
using Parity.Validation.Running;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary>`parity run MODEL`: executes one model on given or seeded random inputs and shows or writes its outputs.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The model file: Keras .h5/.hdf5/.keras, Core ML .mlmodel or .mlpackage." };
        var inputs = new Option<string[]>("--input") { Description = "NAME=FILE.npy for an input; inputs not given get seeded random values.", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string?>("--output") { Description = "Folder to write each output as <name>.npy (and layers/<layer>.npy with --dump-layers)." };
        var dumpLayers = new Option<bool>("--dump-layers") { Description = "Also record every layer's output." };
        var seed = new Option<int>("--seed") { Description = "Seed for random inputs.", DefaultValueFactory = _ => 0 };
        var config = new Option<string?>("--config") { Description = "The model's JSON config (model.to_json()) for a Keras weights-only .h5 file." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace files that already exist in the --output folder." };
        var precision = new Option<string?>("--precision")
        {
            Description = "fp16 rounds every op result to half (Core ML's FLOAT16 compute), fp32 computes in float32; by default the model's own precision.",
        };
        precision.AcceptOnlyFromAmong("fp16", "fp32");
        var command = new Command("run", "Run a model on given or random inputs.") { model, inputs, output, dumpLayers, seed, config, overwrite, precision };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
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
            if (parse.GetValue(output) is { } folder)
            {
                var files = new OutputFolder(folder, parse.GetValue(overwrite));
                foreach (var (name, value) in run.Outputs) files.Add("", name, value);
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

    private static void WriteReport(IAnsiConsole console, ModelRun run, IEnumerable<string> randomInputs)
    {
        foreach (var name in randomInputs) console.MarkupLineInterpolated($"[grey]input {name}: seeded random values[/]");
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumns("Output", "Shape", "Min", "Max", "Mean");
        foreach (var (name, value) in run.Outputs)
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
        console.Write(table);
        foreach (var layer in run.Model.Unsupported) console.MarkupLineInterpolated($"[red]unsupported:[/] {layer}");
        foreach (var failure in run.Failures) console.MarkupLineInterpolated($"[red]failed:[/] {failure}");
        foreach (var missing in run.MissingOutputs) console.MarkupLineInterpolated($"[yellow]not computed:[/] {missing}");
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
