using System.Globalization;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;

namespace Parity.Spec.CoreML.Pipeline;

/// <summary>
/// The `parity inspect` view of a pipeline or a classic model: its stages in order, then one row per classic stage and
/// per layer of a NeuralNetwork stage ("stage: layer"), with output shapes when the model runs.
/// </summary>
internal static class CoreMLPipelineSummary
{
    public static ModelSummary Summarize(CoreMLModelFile file)
    {
        var summary = CoreMLModelSummary.Describe(file.Model);
        var stages = PipelineStages.Of(file.Model);
        var properties = new List<KeyValuePair<string, string>>
        {
            new("Specification version", summary.SpecificationVersion.ToString(CultureInfo.InvariantCulture)),
            new("Model type", summary.ModelType + (summary.IsUpdatable ? " (updatable)" : "")),
        };
        if (PipelineStages.IsPipeline(file.Model))
        {
            properties.Add(new("Stages", string.Join(" -> ", stages.Select((s, k) => s.Name == s.TypeName ? $"{k + 1}. {s.Name}" : $"{k + 1}. {s.Name} ({s.TypeName})"))));
        }
        var notes = file.Notes.ToList();
        CoreMLModel? model = null;
        try
        {
            model = CoreMLPipelineReader.Read(file);
        }
        catch (UnsupportedLayerException e)
        {
            notes.Add($"No output of this model can be computed: {e.Message}");
        }
        IReadOnlyDictionary<string, Engine.Tensors.TensorType> types = new Dictionary<string, Engine.Tensors.TensorType>();
        if (model is not null)
        {
            types = model.Graph.Compile(continueOnError: true).ValueTypes;
            if (model.Classifier is { } classifier)
            {
                properties.Add(CoreMLExecutable.LabelsProperty(classifier));
            }
        }
        var unsupported = model?.Unsupported.ToDictionary(u => u.Name, u => u.Reason) ?? [];
        var layers = new List<LayerSummary>();
        foreach (var stage in stages)
        {
            var network = CoreMLPipelineReader.IsNetwork(stage.Model);
            foreach (var layer in CoreMLPipelineReader.StageLayers(stage))
            {
                // A classifier's label output is no graph value: the shape shown is that of its first output that is one.
                var value = model is null ? null : layer.Outputs.Select(o => model.Blobs.GetValueOrDefault(o)).FirstOrDefault(v => v is not null);
                var shape = value is not null && types.TryGetValue(value, out var type) ? type.Shape.ToString() : "";
                layers.Add(new LayerSummary(
                    network ? $"{stage.Name}: {layer.Name}" : layer.Name,
                    layer.Type,
                    string.Join(", ", layer.Inputs),
                    shape,
                    network ? CoreMLParameterCount.Of(stage.Model, layer.Name) : ClassicParameters(stage.Model),
                    network ? unsupported.GetValueOrDefault(layer.Name) : null));
            }
        }
        return new ModelSummary(file.Path, "Core ML", properties,
            summary.Inputs.Select(i => new FeatureSummary(i.Name, i.Type, i.ShortDescription.Length > 0 ? i.ShortDescription : null)).ToList(),
            summary.Outputs.Select(o => new FeatureSummary(o.Name, o.Type, o.ShortDescription.Length > 0 ? o.ShortDescription : null)).ToList(),
            layers, notes);
    }

    // The stored numbers of the classic models Parity executes (a tree counts each branch threshold and leaf value, an
    // SVM its support vector entries, coefficients and offsets); other classic types count 0.
    private static long ClassicParameters(Model model) => model.TypeCase switch
    {
        Model.TypeOneofCase.Scaler => model.Scaler.ShiftValue.Count + model.Scaler.ScaleValue.Count,
        Model.TypeOneofCase.GlmRegressor => model.GlmRegressor.Weights.Sum(w => (long)w.Value.Count) + model.GlmRegressor.Offset.Count,
        Model.TypeOneofCase.GlmClassifier => model.GlmClassifier.Weights.Sum(w => (long)w.Value.Count) + model.GlmClassifier.Offset.Count,
        Model.TypeOneofCase.TreeEnsembleClassifier => TreeParameters(model.TreeEnsembleClassifier.TreeEnsemble),
        Model.TypeOneofCase.TreeEnsembleRegressor => TreeParameters(model.TreeEnsembleRegressor.TreeEnsemble),
        Model.TypeOneofCase.SupportVectorClassifier => model.SupportVectorClassifier is var c
            ? VectorEntries(c.SparseSupportVectors, c.DenseSupportVectors) + c.Coefficients.Sum(k => (long)k.Alpha.Count) + c.Rho.Count + c.ProbA.Count + c.ProbB.Count
            : 0,
        Model.TypeOneofCase.SupportVectorRegressor => model.SupportVectorRegressor is var r
            ? VectorEntries(r.SparseSupportVectors, r.DenseSupportVectors) + (r.Coefficients?.Alpha.Count ?? 0) + 1
            : 0,
        _ => 0,
    };

    private static long TreeParameters(TreeEnsembleParameters? trees) => trees is null ? 0
        : trees.Nodes.Sum(n => n.NodeBehavior == TreeEnsembleParameters.Types.TreeNode.Types.TreeNodeBehavior.LeafNode ? (long)n.EvaluationInfo.Count : 1)
            + trees.BasePredictionValue.Count;

    private static long VectorEntries(SparseSupportVectors? sparse, DenseSupportVectors? dense) =>
        (sparse?.Vectors.Sum(v => (long)v.Nodes.Count) ?? 0) + (dense?.Vectors.Sum(v => (long)v.Values.Count) ?? 0);
}
