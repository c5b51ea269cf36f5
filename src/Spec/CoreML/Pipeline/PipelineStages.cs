using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.Pipeline;

/// <summary>
/// One stage of a pipeline: its name (the pipeline's name for it, else its model type; "outer/inner" inside a nested
/// pipeline), model and model type, and the blob names it shares with another stage or a pipeline input, which it
/// exposes as "stage/blob" so that every stage's values stay visible under distinct names.
/// </summary>
internal sealed record PipelineStage(string Name, Model Model, string TypeName, IReadOnlySet<string> Shared)
{
    /// <summary>The name <paramref name="blob"/>, written by this stage, is known by outside the stage.</summary>
    public string Expose(string blob) => Shared.Contains(blob) ? $"{Name}/{blob}" : blob;

    /// <summary>The names this stage writes: its layers' output blobs (NeuralNetwork) or its declared output features.</summary>
    public static IEnumerable<string> Written(Model model) =>
        CoreMLPipelineReader.IsNetwork(model)
            ? CoreMLModelSummary.Describe(model).Layers.SelectMany(l => l.Outputs).Distinct()
            : model.Description?.Output.Select(o => o.Name) ?? [];
}

/// <summary>Lists the stages of a pipeline model (nested pipelines flattened, stages in execution order); any other model is a pipeline of one stage.</summary>
internal static class PipelineStages
{
    public static bool IsPipeline(Model model) => Inner(model) is not null;

    public static IReadOnlyList<PipelineStage> Of(Model model)
    {
        var flat = new List<(string Name, Model Model)>();
        Flatten(model, null, flat);
        var names = new HashSet<string>();
        var unique = flat.Select(s =>
        {
            var name = s.Name;
            for (var k = 2; !names.Add(name); k++) name = $"{s.Name}#{k}";
            return (Name: name, s.Model);
        }).ToList();

        var writers = new Dictionary<string, int>();
        foreach (var input in model.Description?.Input ?? [])
        {
            writers[input.Name] = 1;
        }
        foreach (var (_, stage) in unique)
        {
            foreach (var name in PipelineStage.Written(stage)) writers[name] = writers.GetValueOrDefault(name) + 1;
        }
        return unique.Select(s => new PipelineStage(s.Name, s.Model, CoreMLModelSummary.ModelTypeName(s.Model),
            PipelineStage.Written(s.Model).Where(n => writers[n] > 1).ToHashSet())).ToList();
    }

    private static void Flatten(Model model, string? name, List<(string, Model)> stages)
    {
        if (Inner(model) is not { } pipeline)
        {
            stages.Add((name ?? CoreMLModelSummary.ModelTypeName(model), model));
            return;
        }
        for (var k = 0; k < pipeline.Models.Count; k++)
        {
            var own = k < pipeline.Names.Count && pipeline.Names[k].Length > 0 ? pipeline.Names[k] : CoreMLModelSummary.ModelTypeName(pipeline.Models[k]);
            Flatten(pipeline.Models[k], name is null ? own : $"{name}/{own}", stages);
        }
    }

    private static Format.Pipeline? Inner(Model model) => model.TypeCase switch
    {
        Model.TypeOneofCase.Pipeline => model.Pipeline,
        Model.TypeOneofCase.PipelineClassifier => model.PipelineClassifier.Pipeline ?? new Format.Pipeline(),
        Model.TypeOneofCase.PipelineRegressor => model.PipelineRegressor.Pipeline ?? new Format.Pipeline(),
        _ => null,
    };
}
