using Parity.Spec.CoreML.MLProgram;
using Parity.Spec.CoreML.NeuralNetwork;
using Parity.Spec.CoreML.Pipeline;

namespace Parity.Spec.CoreML;

/// <summary>The format-independent views of a Core ML model: the executable graph with blob names, and the `inspect` summary.</summary>
public static class CoreMLExecutable
{
    /// <summary>
    /// Layer outputs are named by their Core ML blob names (a pipeline stage's blobs as <see cref="CoreMLModel.Stages"/>
    /// exposes them), typed by the layer that writes them.
    /// </summary>
    public static ExecutableModel ToExecutable(this CoreMLModel model)
    {
        var summaryLayers = model.Stages.Count > 0 ? model.Stages.SelectMany(s => s.Layers).ToList() : CoreMLModelSummary.Describe(model.File.Model).Layers;
        var layers = new List<NamedValue>();
        foreach (var layer in summaryLayers)
        {
            foreach (var blob in layer.Outputs)
            {
                if (model.Blobs.TryGetValue(blob, out var value)) layers.Add(new NamedValue(blob, layer.Type, value));
            }
        }
        var built = layers.Select(l => l.Name).ToHashSet();
        var notBuilt = summaryLayers.Where(l => l.Outputs.Count > 0 && l.Outputs.All(o => !built.Contains(o))
                && model.Unsupported.All(u => u.Name != l.Name)).Select(l => l.Name).ToList();
        return new ExecutableModel(model.File.Path, "Core ML", model.Graph, layers, model.Unsupported, notBuilt)
        {
            ImageInputs = model.Preprocessing.ToDictionary(p => p.Key, p => new ImageInput(p.Value.ColorSpace, p.Value.Scale, p.Value.Bias)),
            StateOutputs = model.StateOutputs.ToHashSet(),
            StoresFloat16Weights = CoreMLMessages.Layers(model.File.Model) is not null
                && (model.File.DeferredWeights?.AnyFloat16 ?? CoreMLMessages.Weights(model.File.Model).Any(w => w.Float16Value.Length > 0)),
            Classifier = Output(model.Classifier),
        };
    }

    private static ClassifierOutput? Output(CoreMLClassifierInfo? c) => c is null ? null
        : new ClassifierOutput(Enumerable.Range(0, c.ClassCount).Select(c.LabelOf).ToList(), c.Int64Labels is not null, c.ProbabilityValue, c.LabelOutputName, c.ProbabilityOutputName);

    internal static KeyValuePair<string, string> LabelsProperty(CoreMLClassifierInfo c) =>
        new("Class labels", $"{c.ClassCount} ({string.Join(", ", Enumerable.Range(0, Math.Min(5, c.ClassCount)).Select(c.LabelOf))}{(c.ClassCount > 5 ? ", ..." : "")})");

    /// <summary>
    /// ML Program values are named by their MIL names, typed by the op that writes them; model outputs whose names differ
    /// from the MIL value holding them are listed under the output name too.
    /// </summary>
    public static ExecutableModel ToExecutable(this MilProgramModel model)
    {
        var layers = model.OpOutputs.Where(o => o.Value is not null).Select(o => new NamedValue(o.Name, o.OpType, o.Value!)).ToList();
        var named = layers.Select(l => l.Name).ToHashSet();
        foreach (var (output, value) in model.Outputs)
        {
            if (named.Add(output)) layers.Add(new NamedValue(output, "output", value));
        }
        var notBuilt = model.OpOutputs.Where(o => o.Value is null && model.Unsupported.All(u => u.Name != o.Name)).Select(o => o.Name).ToList();
        return new ExecutableModel(model.File.Path, "Core ML", model.Graph, layers, model.Unsupported, notBuilt)
        {
            Precision = model.Precision,
            ImageInputs = model.Images,
            Classifier = Output(model.Classifier),
        };
    }

    /// <summary>The `parity inspect` view: spec version, type, inputs and outputs, preprocessing, and layers with output shapes when the model runs.</summary>
    public static ModelSummary Summarize(CoreMLModelFile file)
    {
        if (file.Model.TypeCase == Format.Model.TypeOneofCase.MlProgram) return SummarizeProgram(file);
        if (CoreMLPipelineReader.CanRead(file.Model)) return CoreMLPipelineSummary.Summarize(file);
        var summary = CoreMLModelSummary.Describe(file.Model);
        var properties = new List<KeyValuePair<string, string>>
        {
            new("Specification version", summary.SpecificationVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Model type", summary.ModelType + (summary.IsUpdatable ? " (updatable)" : "")),
        };
        var notes = file.Notes.ToList();
        IReadOnlyDictionary<string, Engine.Tensors.TensorType> types = new Dictionary<string, Engine.Tensors.TensorType>();
        CoreMLModel? model = null;
        if (summary.ModelType.StartsWith("neuralNetwork", StringComparison.Ordinal))
        {
            try
            {
                model = CoreMLGraphReader.Read(file);
            }
            catch (UnsupportedLayerException e)
            {
                notes.Add($"No output of this model can be computed: {e.Message}");
            }
        }
        if (model is not null)
        {
            types = model.Graph.Compile(continueOnError: true).ValueTypes;
            foreach (var (input, p) in model.Preprocessing)
            {
                properties.Add(new($"Preprocessing of {input}", $"{p.ColorSpace}, y = {p.Scale:G6} * x + [{string.Join(", ", p.Bias.Select(b => b.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}]"
                    + (p.MeanImage is null ? "" : " after subtracting a mean image")));
            }
            if (model.Classifier is { } classifier) properties.Add(LabelsProperty(classifier));
        }
        else if (!summary.ModelType.StartsWith("neuralNetwork", StringComparison.Ordinal))
        {
            notes.Add($"Running {summary.ModelType} models is not supported yet; they are shown here but `run` and `check` cannot execute them.");
        }
        notes.AddRange(ForgetBiasNotes(file));

        var unsupported = model?.Unsupported.ToDictionary(u => u.Name, u => u.Reason) ?? [];
        var layers = summary.Layers.Select(l => new LayerSummary(
            l.Name,
            l.Type,
            string.Join(", ", l.Inputs),
            l.Outputs.Count > 0 && model is not null && model.Blobs.TryGetValue(l.Outputs[0], out var value) && types.TryGetValue(value, out var type)
                ? type.Shape.ToString()
                : "",
            CoreMLParameterCount.Of(file.Model, l.Name),
            unsupported.GetValueOrDefault(l.Name))).ToList();
        return new ModelSummary(file.Path, "Core ML", properties,
            summary.Inputs.Select(i => new FeatureSummary(i.Name, i.Type, i.ShortDescription.Length > 0 ? i.ShortDescription : null)).ToList(),
            summary.Outputs.Select(o => new FeatureSummary(o.Name, o.Type, o.ShortDescription.Length > 0 ? o.ShortDescription : null)).ToList(),
            layers, notes);
    }

    /// <summary>
    /// The `parity inspect` view of an ML Program: opset, function and compute precision, then one row per non-const op
    /// (op type, output name, its output shape when the program runs, the weight elements of the consts it reads, and
    /// why it cannot be executed when it cannot). Const ops are counted in a note instead of listed.
    /// </summary>
    private static ModelSummary SummarizeProgram(CoreMLModelFile file)
    {
        var summary = CoreMLModelSummary.Describe(file.Model);
        var properties = new List<KeyValuePair<string, string>>
        {
            new("Specification version", summary.SpecificationVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Model type", summary.ModelType + (summary.IsUpdatable ? " (updatable)" : "")),
        };
        var notes = file.Notes.ToList();
        MilProgramModel? model = null;
        try
        {
            model = MilProgramReader.Read(file);
        }
        catch (UnsupportedLayerException e)
        {
            notes.Add($"No output of this model can be computed: {e.Message}");
        }
        IReadOnlyDictionary<string, Engine.Tensors.TensorType> types = new Dictionary<string, Engine.Tensors.TensorType>();
        var values = new Dictionary<string, string>();
        if (model is not null)
        {
            properties.Add(new("Function", $"{model.Function} (opset {model.Opset})"));
            properties.Add(new("Compute precision", model.Precision == Engine.Graph.Precision.Float16
                ? "fp16 (runs round every fp16 op result to half; values the program declares fp32 stay fp32)"
                : "fp32"));
            if (model.Classifier is { } classifier) properties.Add(LabelsProperty(classifier));
            types = model.Graph.Compile(continueOnError: true).ValueTypes;
            foreach (var output in model.OpOutputs.Where(o => o.Value is not null)) values[output.Name] = output.Value!;
        }
        var weights = MilParameterCount.ByOperation(file.Model);
        var unsupported = model?.Unsupported.ToDictionary(u => u.Name, u => u.Reason) ?? [];
        var operations = summary.Layers.Where(l => l.Type != "const").ToList();
        var constants = summary.Layers.Count - operations.Count;
        if (constants > 0) notes.Add($"{constants} const ops (weights and parameters) are not listed; each op's row counts the weight elements it reads.");
        var layers = operations.Select(l =>
        {
            var output = l.Outputs.Count > 0 ? l.Outputs[0] : l.Name;
            var shape = values.TryGetValue(output, out var value) && types.TryGetValue(value, out var type) ? type.Shape.ToString() : "";
            return new LayerSummary(output, l.Type, string.Join(", ", l.Inputs), shape, weights.GetValueOrDefault(output), unsupported.GetValueOrDefault(output));
        }).ToList();
        return new ModelSummary(file.Path, "Core ML", properties,
            summary.Inputs.Select(i => new FeatureSummary(i.Name, i.Type, i.ShortDescription.Length > 0 ? i.ShortDescription : null)).ToList(),
            summary.Outputs.Select(o => new FeatureSummary(o.Name, o.Type, o.ShortDescription.Length > 0 ? o.ShortDescription : null)).ToList(),
            layers, notes);
    }

    // FINDINGS.md 2: the flag is shown because converters set it, but the runtime (and Parity) ignore it.
    private static IEnumerable<string> ForgetBiasNotes(CoreMLModelFile file) =>
        CoreMLParameterCount.Layers(file.Model)
            .Where(l => l.UniDirectionalLSTM?.Params?.ForgetBias == true || l.BiDirectionalLSTM?.Params?.ForgetBias == true)
            .Select(l => $"LSTM layer '{l.Name}' sets forgetBias; Core ML's runtime does not apply it (the trained bias already holds the +1), and Parity executes it the same way.");
}
