using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;

namespace Parity.Spec.CoreML.Classic;

/// <summary>The class labels of a classic classifier and its classifier outputs (predicted label, probabilities) as the model description names them.</summary>
internal static class ClassicClassLabels
{
    /// <summary>The labels from the model's ClassLabels oneof (one of the two vectors is set); at least two are required.</summary>
    public static (List<string>? Strings, List<long>? Int64s, int Count) Of(ClassicStageContext context, StringVector? strings, Int64Vector? int64s)
    {
        if (strings is null && int64s is null) throw context.Error("ClassLabels", "is not set; expected stringClassLabels or int64ClassLabels.");
        var stringLabels = strings?.Vector.ToList();
        var int64Labels = strings is null ? int64s!.Vector.ToList() : null;
        var count = stringLabels?.Count ?? int64Labels!.Count;
        if (count < 2) throw context.Error("ClassLabels", $"lists {count} class(es); a classifier needs at least 2.");
        return (stringLabels, int64Labels, count);
    }

    /// <summary>The declared probabilities output (predictedProbabilitiesName when the model lists it as an output), or null.</summary>
    public static string? ProbabilityOutput(ClassicStageContext context) =>
        context.Model.Description?.PredictedProbabilitiesName is { Length: > 0 } name && context.OutputFeatures.Any(o => o.Name == name) ? name : null;

    /// <summary>
    /// The result of a classifier whose class scores (the label is the first largest) are <paramref name="scores"/>;
    /// they are the declared probabilities output unless <paramref name="scoresAreProbabilities"/> is false.
    /// </summary>
    public static ClassicStageResult Result(ClassicStageContext context, (List<string>? Strings, List<long>? Int64s, int Count) labels, string scores,
        bool scoresAreProbabilities = true)
    {
        var probabilities = scoresAreProbabilities ? ProbabilityOutput(context) : null;
        var outputs = new Dictionary<string, string>();
        if (probabilities is not null) outputs[probabilities] = scores;
        var label = context.Model.Description?.PredictedFeatureName is { Length: > 0 } l ? l : null;
        return new ClassicStageResult(outputs, new CoreMLClassifierInfo(labels.Strings, labels.Int64s, probabilities, label, scores));
    }
}
