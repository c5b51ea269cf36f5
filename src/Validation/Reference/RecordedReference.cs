using System.Text.Json;
using Parity.Engine.Tensors;
using Parity.Spec;

namespace Parity.Validation.Reference;

/// <summary>
/// The source side of a check read from tensors the user dumped from their own framework (a folder of NAME.npy files)
/// instead of from a model file. Which file is what comes from the folder's case.json when it has one (the layout of
/// Parity's generated PyTorch fixtures: input.file, outputs[].file, intermediates[] with coreml_names per converted
/// file); otherwise from the names: a file named after a converted input is that input, one named after a converted
/// output (optionally output_NAME.npy) is that output, and every other file is an intermediate (act_NAME.npy is NAME).
/// </summary>
public sealed class RecordedReference
{
    private RecordedReference(string directory, IReadOnlyList<RecordedTensor> values, IReadOnlyDictionary<string, string> inputFiles, IReadOnlyList<string> notes)
    {
        Directory = directory;
        Values = values;
        InputFiles = inputFiles;
        Notes = notes;
    }

    public string Directory { get; }

    /// <summary>The dumped outputs and intermediates, outputs first in the converted model's output order.</summary>
    public IReadOnlyList<RecordedTensor> Values { get; }

    /// <summary>Files holding the inputs the dump was made from, by converted input name (used when none are given).</summary>
    public IReadOnlyDictionary<string, string> InputFiles { get; }

    /// <summary>What the report should say about how the folder was read.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Reads the dump in <paramref name="directory"/> for a check of <paramref name="converted"/>.</summary>
    public static RecordedReference Load(string directory, ExecutableModel converted)
    {
        ArgumentNullException.ThrowIfNull(converted);
        if (!System.IO.Directory.Exists(directory)) throw new ArgumentException($"--source-outputs '{directory}' is not a folder.");
        var caseFile = Path.Combine(directory, "case.json");
        var (values, inputs, notes) = File.Exists(caseFile) ? FromCase(directory, caseFile, converted) : FromNames(directory, converted);
        if (values.Count == 0) throw new ArgumentException($"--source-outputs '{directory}' holds no .npy output or intermediate to compare with.");
        var ordered = values.OrderBy(v => v.IsOutput ? v.OutputIndex : int.MaxValue).ThenBy(v => v.File, StringComparer.Ordinal).ToList();
        return new RecordedReference(directory, ordered, inputs, notes);
    }

    private static (List<RecordedTensor>, Dictionary<string, string>, List<string>) FromNames(string directory, ExecutableModel converted)
    {
        var inputNames = converted.Graph.Inputs.Select(i => i.Name).ToHashSet();
        var outputs = converted.Graph.Outputs.Select((o, k) => (o, k)).ToDictionary(p => p.o, p => p.k);
        var values = new List<RecordedTensor>();
        var inputs = new Dictionary<string, string>();
        foreach (var path in System.IO.Directory.GetFiles(directory, "*.npy").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(path);
            var outputName = outputs.ContainsKey(stem) ? stem : stem.StartsWith("output_", StringComparison.Ordinal) && outputs.ContainsKey(stem[7..]) ? stem[7..] : null;
            if (inputNames.Contains(stem)) inputs[stem] = path;
            else if (outputName is not null) values.Add(Read(path, outputName, outputName, outputs[outputName]));
            else
            {
                var name = stem.StartsWith("act_", StringComparison.Ordinal) && stem.Length > 4 ? stem[4..] : stem;
                values.Add(Read(path, name, name, -1));
            }
        }
        return (values, inputs, [$"Source values read from {directory}: outputs and intermediates by file name (no case.json)."]);
    }

    private static (List<RecordedTensor>, Dictionary<string, string>, List<string>) FromCase(string directory, string caseFile, ExecutableModel converted)
    {
        using var document = Parse(caseFile);
        var root = document.RootElement;
        var outputs = converted.Graph.Outputs.Select((o, k) => (o, k)).ToDictionary(p => p.o, p => p.k);
        var convertedFile = Path.GetFileName(converted.File.TrimEnd('/', '\\'));
        var values = new List<RecordedTensor>();
        var inputs = new Dictionary<string, string>();
        var notes = new List<string>();
        if (root.TryGetProperty("input", out var input) && String(input, "name") is { } inputName && String(input, "file") is { } inputFile)
        {
            inputs[inputName] = Existing(directory, inputFile, caseFile);
        }
        if (root.TryGetProperty("outputs", out var outputList) && outputList.ValueKind == JsonValueKind.Array)
        {
            foreach (var output in outputList.EnumerateArray())
            {
                var name = String(output, "name") ?? throw Bad(caseFile, "an output has no name");
                var file = Existing(directory, String(output, "file") ?? throw Bad(caseFile, $"output '{name}' has no file"), caseFile);
                // An output the converted model does not declare is still compared, by value, as an intermediate.
                values.Add(Read(file, name, name, outputs.GetValueOrDefault(name, -1)));
            }
        }
        var fused = new List<string>();
        if (root.TryGetProperty("intermediates", out var intermediates) && intermediates.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in intermediates.EnumerateArray())
            {
                var module = String(item, "torch_module") ?? String(item, "name") ?? throw Bad(caseFile, "an intermediate has neither torch_module nor name");
                var file = Existing(directory, String(item, "file") ?? throw Bad(caseFile, $"intermediate '{module}' has no file"), caseFile);
                var key = module;
                var fusedAway = false;
                if (item.TryGetProperty("coreml_names", out var names) && names.ValueKind == JsonValueKind.Object)
                {
                    if (names.TryGetProperty(convertedFile, out var forFile))
                    {
                        fusedAway = forFile.ValueKind == JsonValueKind.Null;
                        key = forFile.ValueKind == JsonValueKind.String ? forFile.GetString()! : module;
                    }
                    else if (String(names, "torch_value") is { } torchValue)
                    {
                        key = torchValue;
                    }
                }
                if (fusedAway) fused.Add(module);
                values.Add(Read(file, module, key, -1) with { FusedAway = fusedAway });
            }
        }
        notes.Add($"Source values read from {directory} as its case.json lists them; intermediates matched by the converted model's names for them ({convertedFile}).");
        if (fused.Count > 0) notes.Add($"Not compared: {string.Join(", ", fused)} (case.json: fused into a neighbouring layer by the conversion, so {convertedFile} has no such value).");
        return (values, inputs, notes);
    }

    private static RecordedTensor Read(string path, string name, string key, int outputIndex)
    {
        try
        {
            using var tensor = Npy.Read(path);
            using var floats = tensor.ToFloat32();
            return new RecordedTensor(name, key, path, tensor.Shape, floats.Floats.ToArray(), outputIndex);
        }
        catch (NpyFormatException e)
        {
            throw new ArgumentException($"--source-outputs: {path}: {e.Message}", e);
        }
    }

    private static JsonDocument Parse(string caseFile)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(caseFile));
        }
        catch (JsonException e)
        {
            throw Bad(caseFile, $"is not JSON ({e.Message})");
        }
    }

    private static string Existing(string directory, string file, string caseFile)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path) ? path : throw Bad(caseFile, $"lists '{file}', which is not in the folder");
    }

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ArgumentException Bad(string caseFile, string problem) => new($"--source-outputs: {caseFile} {problem}.");
}
