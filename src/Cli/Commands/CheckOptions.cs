using System.CommandLine;
using Parity.Validation.Comparison;
using Parity.Validation.Metrics;
using Parity.Validation.Reports;
using Parity.Validation.Runtimes;

namespace Parity.Cli.Commands;

/// <summary>
/// The arguments and options of `parity check` and `parity diff`, worded for the roles the two models play, and the
/// comparison settings they parse into.
/// </summary>
internal sealed class CheckOptions
{
    public CheckOptions(string roleA, string roleB)
    {
        (RoleA, RoleB) = (roleA, roleB);
        ModelA = new Argument<string>(roleA) { Description = $"The {roleA} model file (the reference)." };
        ModelB = new Argument<string?>(roleB) { Description = $"The {roleB} model file.", Arity = ArgumentArity.ZeroOrOne };
        Layers.AcceptOnlyFromAmong("outputs", "all");
        Precision.AcceptOnlyFromAmong("fp16", "fp32");
        Map.Description = $"Pair inputs by hand: {roleA.ToUpperInvariant()}_INPUT={roleB.ToUpperInvariant()}_INPUT; repeatable.";
        Config.Description = $"The {roleA} model's JSON config (model.to_json()) when it is a Keras weights-only .h5 file.";
        SourcePreprocess.Description = $"What the {roleA}'s own pipeline does to raw image pixels: {SourcePreprocessing.Modes}. Default: RGB with the {roleB} model's own scale and bias.";
        Labels.Description = $"FILE with the {roleA}'s class names, one per line in its output index order: the {roleB} classifier's labels are checked name by name.";
        Precision.Description = $"Compute the {roleB} model in fp16 or fp32 instead of its own precision.";
        Inputs.Description = $"NAME=FILE (.npy, or a .png/.jpg picture as raw pixels) for a {roleB} input, used instead of seeded values; repeatable.";
        Shapes.Description = $"NAME=1x3x224x224: the size to feed a flexible-shape {roleB} input in; repeatable.";
        SourceOutputs.Description = $"A folder of NAME.npy tensors dumped from the {roleA} framework, checked instead of a {roleA} model file; give only the {roleB} model.";
        Runtime.Description = $"Also run the {roleB} model on a device runtime and compare its outputs: {RuntimeSelection.Syntax}.";
        Probes.Description = $"With --runtime coreml and an ML Program {roleB}: also return this intermediate value from Core ML; repeatable.";
    }

    public string RoleA { get; }

    public string RoleB { get; }

    public Argument<string> ModelA { get; }

    public Argument<string?> ModelB { get; }

    public Option<string?> Tolerance { get; } = new("--tolerance") { Description = "fp32 (default; fp16 when the converted model computes in or stores float16), fp16, quantized, exact, or atol=A,rtol=R." };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the first random input.", DefaultValueFactory = _ => 0 };

    public Option<int> Samples { get; } = new("--samples") { Description = "How many seeded inputs to check; the worst result per layer is reported.", DefaultValueFactory = _ => 1 };

    public Option<string> Layers { get; } = new("--layers") { Description = "outputs, or all (default): every layer that can be matched.", DefaultValueFactory = _ => "all" };

    public Option<string[]> Reports { get; } = new("--report") { Description = $"Write the report to FILE ({ReportFiles.SupportedExtensions}); repeatable." };

    public Option<string[]> Map { get; } = new("--map");

    public Option<bool> Overwrite { get; } = new("--overwrite") { Description = "Replace report files that already exist." };

    public Option<string?> Range { get; } = new("--range") { Description = "LO,HI: draw float inputs uniformly from [LO, HI) instead of [0, 1)." };

    public Option<string?> Config { get; } = new("--config");

    public Option<string?> SourcePreprocess { get; } = new("--source-preprocess");

    public Option<string?> Labels { get; } = new("--labels");

    public Option<string?> Precision { get; } = new("--precision");

    public Option<string[]> Inputs { get; } = new("--input");

    public Option<string[]> Shapes { get; } = new("--shape");

    public Option<bool> Resize { get; } = new("--resize") { Description = "Resize --input pictures to the input's size instead of refusing other sizes." };

    public Option<string?> SourceOutputs { get; } = new("--source-outputs");

    public Option<string> Runtime { get; } = new("--runtime") { DefaultValueFactory = _ => "managed" };

    public Option<string[]> Probes { get; } = new("--probe");

    /// <summary>A command named <paramref name="name"/> taking these arguments and options.</summary>
    public Command CreateCommand(string name, string description) => new(name, description)
    {
        ModelA, ModelB, Tolerance, Seed, Samples, Layers, Reports, Map, Overwrite, Config, Range, SourcePreprocess, Labels, Precision, Inputs,
        Shapes, Resize, SourceOutputs, Runtime, Probes,
    };

    /// <summary>The comparison settings the options give (inputs, shapes and preprocessing are added once the models are read).</summary>
    public ComparisonOptions Comparison(ParseResult parse)
    {
        var options = new ComparisonOptions
        {
            Tolerance = Validation.Metrics.Tolerance.Parse(parse.GetValue(Tolerance) ?? "fp32"),
            Seed = parse.GetValue(Seed),
            Samples = parse.GetValue(Samples),
            Layers = parse.GetValue(Layers) == "outputs" ? LayerScope.Outputs : LayerScope.All,
            InputMap = ParseMap(parse.GetValue(Map) ?? []),
            RoleA = RoleA,
            RoleB = RoleB,
            PrecisionB = parse.GetValue(Precision) switch { "fp16" => Engine.Graph.Precision.Float16, "fp32" => Engine.Graph.Precision.Float32, _ => null },
        };
        options.Validate();
        return options;
    }

    /// <summary>Every float input of <paramref name="model"/> drawn from --range; both models then see the same values.</summary>
    public static Dictionary<string, InputPreprocessing> Ranges(string text, Spec.ExecutableModel model)
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
