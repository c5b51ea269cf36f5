using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Classic;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;

namespace Parity.Spec.CoreML.Pipeline;

/// <summary>
/// Turns a Core ML pipeline, pipelineClassifier or pipelineRegressor (Model.proto: Pipeline { models, names }) into ONE
/// engine graph, and runs a single classic model (scaler, GLMs, tree ensembles, SVMs: <see cref="ClassicModels"/>) as
/// a pipeline of one stage.
/// <para>
/// Stages run in order and share one feature namespace, as in Core ML: a stage's input feature X reads the pipeline
/// input X or the latest earlier stage output X; the pipeline's declared outputs become graph outputs. NeuralNetwork
/// stages are built by <see cref="CoreMLGraphReader"/> with their own semantics; classic stages by
/// <see cref="ClassicModels"/>. Multi-array inputs are float32 graph inputs of their declared shape (Core ML's DOUBLE
/// arrays are computed in float32), double and int64 features float32 [1], or of the shape
/// <see cref="CoreMLReadOptions.InputShapes"/> gives: classic stages read N rows of the declared size as N predictions.
/// Stage blobs keep their names unless two stages (or a stage and a pipeline input) write the same name; those are
/// exposed as "stage/blob" (<see cref="PipelineStage.Expose"/>).
/// </para>
/// A stage whose model type Parity does not execute stops the read with an error naming the stage and its type; a
/// stage fed by an output that an unsupported NeuralNetwork layer blocked is skipped, and everything else is built.
/// </summary>
public static class CoreMLPipelineReader
{
    /// <summary>True for the model types this reader builds: pipelines and the classic models Parity executes.</summary>
    public static bool CanRead(Model model) => PipelineStages.IsPipeline(model) || ClassicModels.Find(model.TypeCase) is not null;

    public static CoreMLModel Read(string path, CoreMLReadOptions? options = null) => Read(CoreMLModelFile.Load(path), options);

    public static CoreMLModel Read(CoreMLModelFile file, CoreMLReadOptions? options = null)
    {
        options ??= new CoreMLReadOptions();
        var model = file.Model;
        if (model.Description is null) throw new ModelFormatException(file.Path, "Model.description", "is missing; the model's inputs and outputs are not declared.");
        var stages = PipelineStages.Of(model);
        if (stages.Count == 0) throw new ModelFormatException(file.Path, "Model.pipeline.models", "is empty; a pipeline needs at least one stage.");
        foreach (var stage in stages.Where(s => !IsNetwork(s.Model) && ClassicModels.Find(s.Model.TypeCase) is null))
        {
            throw new UnsupportedLayerException(file.Path, new UnsupportedLayer(stage.Name, stage.TypeName,
                $"pipeline stage '{stage.Name}' is a {stage.TypeName} model; running {stage.TypeName} models is not supported yet."));
        }

        var state = new NeuralNetworkGraphState(file.Path, deferredWeights: file.DeferredWeights);
        var features = new Dictionary<string, string>();
        foreach (var input in model.Description.Input)
        {
            if (features.ContainsKey(input.Name)) throw new ModelFormatException(file.Path, $"input '{input.Name}'", "is declared twice; input names must be unique.");
            features[input.Name] = AddInput(state, input, options);
        }
        var blobs = new Dictionary<string, string>(features);
        var blocked = new HashSet<string>();
        var unsupported = new List<UnsupportedLayer>();
        var images = new Dictionary<string, CoreMLImagePreprocessing>();
        var stateOutputs = new List<string>();
        var built = new List<CoreMLStage>();
        var classifiers = new List<CoreMLClassifierInfo>();

        foreach (var stage in stages)
        {
            var declared = stage.Model.Description?.Input ?? throw new ModelFormatException(file.Path, $"pipeline stage '{stage.Name}' ({stage.TypeName})", "declares no inputs and outputs.");
            var inputs = new Dictionary<string, string>();
            var skip = false;
            foreach (var input in declared)
            {
                if (features.TryGetValue(input.Name, out var value)) inputs[input.Name] = value;
                else if (blocked.Contains(input.Name)) skip = true;
                else if (input.Type?.IsOptional != true)
                {
                    throw new ModelFormatException(file.Path, $"pipeline stage '{stage.Name}' ({stage.TypeName}): input '{input.Name}'",
                        "is neither a pipeline input nor an output of an earlier stage.");
                }
            }
            var outputNames = stage.Model.Description.Output.Select(o => o.Name).ToList();
            if (skip)
            {
                blocked.UnionWith(outputNames);
                built.Add(new CoreMLStage(stage.Name, stage.TypeName, StageLayers(stage)));
                continue;
            }

            IReadOnlyDictionary<string, string> outputs;
            if (IsNetwork(stage.Model))
            {
                var network = CoreMLGraphReader.BuildNetwork(state, stage.Model, new Dictionary<string, Shape>(), inputs);
                foreach (var (blob, value) in network.Blobs.Where(b => !inputs.ContainsKey(b.Key))) blobs[stage.Expose(blob)] = value;
                // Preprocessing is reported for the pipeline's own image inputs (graph inputs are named after them).
                foreach (var (input, preprocessing) in network.Images.Where(i => inputs[i.Key] == i.Key && model.Description.Input.Any(p => p.Name == i.Key)))
                {
                    images[input] = preprocessing;
                }
                unsupported.AddRange(network.Unsupported);
                stateOutputs.AddRange(network.StateOutputs);
                if (network.Classifier is { } c) classifiers.Add(c);
                outputs = network.Outputs;
            }
            else
            {
                var result = ClassicModels.Find(stage.Model.TypeCase)!(new ClassicStageContext(state, stage.Model, stage.Name, stage.TypeName, inputs));
                foreach (var (feature, value) in result.Outputs) blobs[stage.Expose(feature)] = value;
                if (result.Classifier is { } c) classifiers.Add(c);
                outputs = result.Outputs;
            }
            foreach (var name in outputNames)
            {
                if (outputs.TryGetValue(name, out var value)) features[name] = value;
                else blocked.Add(name);
            }
            built.Add(new CoreMLStage(stage.Name, stage.TypeName, StageLayers(stage)));
        }

        var graphOutputs = new HashSet<string>();
        foreach (var output in model.Description.Output)
        {
            if (features.TryGetValue(output.Name, out var value) && graphOutputs.Add(value)) state.Builder.AddOutput(value);
        }
        var classifier = Classifier(model.Description, classifiers);
        if (classifier is not null && graphOutputs.Add(classifier.ProbabilityValue)) state.Builder.AddOutput(classifier.ProbabilityValue);
        var graph = state.Builder.Build();
        if (graph.Outputs.Count == 0)
        {
            throw new UnsupportedLayerException(file.Path, unsupported.FirstOrDefault()
                ?? new UnsupportedLayer("(model)", CoreMLModelSummary.ModelTypeName(model), "no declared model output could be built."));
        }
        return new CoreMLModel(file, graph, blobs, classifier, unsupported, images) { StateOutputs = stateOutputs, Stages = built };
    }

    /// <summary>A stage's layers under their exposed names: a NeuralNetwork's own layers, or the classic model as one layer named after the stage.</summary>
    internal static IReadOnlyList<CoreMLLayerSummary> StageLayers(PipelineStage stage) => IsNetwork(stage.Model)
        ? CoreMLModelSummary.Describe(stage.Model).Layers.Select(l => l with { Outputs = l.Outputs.Select(stage.Expose).ToList() }).ToList()
        : [new CoreMLLayerSummary(stage.Name, stage.TypeName, stage.Model.Description?.Input.Select(i => i.Name).ToList() ?? [],
            stage.Model.Description?.Output.Select(o => stage.Expose(o.Name)).ToList() ?? [])];

    internal static bool IsNetwork(Model model) =>
        model.TypeCase is Model.TypeOneofCase.NeuralNetwork or Model.TypeOneofCase.NeuralNetworkClassifier or Model.TypeOneofCase.NeuralNetworkRegressor;

    // The pipeline's classifier is the last classifying stage whose label or probabilities the pipeline declares as an output.
    private static CoreMLClassifierInfo? Classifier(ModelDescription description, List<CoreMLClassifierInfo> stages)
    {
        var declared = description.Output.Select(o => o.Name).ToHashSet();
        var stage = stages.LastOrDefault(c => c.LabelOutputName is { } l && declared.Contains(l) || c.ProbabilityOutputName is { } p && declared.Contains(p));
        return stage is null ? null : stage with
        {
            LabelOutputName = description.PredictedFeatureName is { Length: > 0 } label ? label : stage.LabelOutputName,
            ProbabilityOutputName = description.PredictedProbabilitiesName is { Length: > 0 } probabilities ? probabilities : stage.ProbabilityOutputName,
        };
    }

    private static string AddInput(NeuralNetworkGraphState state, FeatureDescription input, CoreMLReadOptions options)
    {
        var location = $"input '{input.Name}'";
        Shape shape;
        switch (input.Type?.TypeCase)
        {
            case FeatureType.TypeOneofCase.MultiArrayType:
                var declared = input.Type.MultiArrayType.Shape;
                if (declared.Count == 0 && !options.InputShapes.ContainsKey(input.Name)) throw new ModelFormatException(state.Path, location, "declares no shape; give the multi-array a fixed shape.");
                if (declared.Any(d => d < 1 || d > int.MaxValue / 16)) throw new ModelFormatException(state.Path, location, $"has shape [{string.Join(", ", declared)}]; every dimension must be between 1 and {int.MaxValue / 16}.");
                shape = options.InputShapes.TryGetValue(input.Name, out var given) ? given : new Shape(declared.Select(d => (int)d).ToArray());
                break;
            case FeatureType.TypeOneofCase.DoubleType or FeatureType.TypeOneofCase.Int64Type:
                // One number per prediction (tree ensembles and SVMs take their features as separate scalars).
                shape = options.InputShapes.TryGetValue(input.Name, out var rows) ? rows : new Shape(1);
                break;
            case FeatureType.TypeOneofCase.ImageType:
                var image = input.Type.ImageType;
                var channels = image.ColorSpace is ImageFeatureType.Types.ColorSpace.Rgb or ImageFeatureType.Types.ColorSpace.Bgr ? 3 : 1;
                if (image.Width < 1 || image.Height < 1 || image.Width > 1 << 16 || image.Height > 1 << 16)
                {
                    throw new ModelFormatException(state.Path, location, $"is {image.Width}x{image.Height}; expected sizes between 1 and 65536.");
                }
                shape = new Shape(1, channels, (int)image.Height, (int)image.Width);
                break;
            default:
                throw new UnsupportedLayerException(state.Path, new UnsupportedLayer(input.Name, "input",
                    $"pipeline inputs of type {input.Type?.TypeCase.ToString() ?? "none"} are not executed (Parity takes multi-arrays and images)."));
        }
        state.AddInput(input.Name, new TensorType(DType.Float32, shape));
        return input.Name;
    }
}
