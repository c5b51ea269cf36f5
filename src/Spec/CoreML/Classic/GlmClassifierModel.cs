using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Reductions;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Ops.Reduction;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;

namespace Parity.Spec.CoreML.Classic;

/// <summary>
/// Core ML GLMClassifier (GLMClassifier.proto): linear scores s = weights . x + offset, then class probabilities.
/// <list type="bullet">
/// <item>Two classes, one weight row: P(labels[1]) = link(s), P(labels[0]) = 1 - P(labels[1]) (scikit-learn's binary
/// LogisticRegression keeps one coefficient row, for its second class; the classEncoding does not matter here).</item>
/// <item>OneVsRest, one row per class: each class's link(s_k), normalized to sum 1, which is scikit-learn's
/// one-vs-rest predict_proba and how onnxmltools translates the Core ML model (an L1 normalizer after the logistic).</item>
/// </list>
/// The format documents Probit for binary classification only, and does not define the probabilities of ReferenceClass
/// with more than two classes; both are refused rather than guessed. The predicted label is the most probable class.
/// </summary>
internal static class GlmClassifierModel
{
    public static ClassicStageResult Build(ClassicStageContext context)
    {
        var glm = context.Model.GlmClassifier;
        var (stringLabels, int64Labels) = glm.ClassLabelsCase switch
        {
            GLMClassifier.ClassLabelsOneofCase.StringClassLabels => (glm.StringClassLabels.Vector.ToList(), (List<long>?)null),
            GLMClassifier.ClassLabelsOneofCase.Int64ClassLabels => (null, glm.Int64ClassLabels.Vector.ToList()),
            _ => throw context.Error("ClassLabels", "is not set; expected stringClassLabels or int64ClassLabels."),
        };
        var classes = stringLabels?.Count ?? int64Labels!.Count;
        if (classes < 2) throw context.Error("ClassLabels", $"lists {classes} class(es); a classifier needs at least 2.");

        var description = context.Model.Description;
        var probabilityName = description?.PredictedProbabilitiesName is { Length: > 0 } p ? p : null;
        var declared = probabilityName is not null && context.OutputFeatures.Any(o => o.Name == probabilityName) ? probabilityName : null;
        var rows = glm.Weights.Select(w => (IReadOnlyList<double>)w.Value).ToList();
        var binary = rows.Count == 1 && classes == 2;
        if (!binary && glm.ClassEncoding != GLMClassifier.Types.ClassEncoding.OneVsRest)
        {
            throw context.Unsupported($"classEncoding {glm.ClassEncoding} with {classes} classes: the format does not define how its scores become probabilities, so Parity does not guess.");
        }
        if (!binary && rows.Count != classes)
        {
            throw context.Error("weights", $"has {rows.Count} rows for {classes} classes; expected 1 row for 2 classes or one row per class.");
        }
        if (!binary && glm.PostEvaluationTransform == GLMClassifier.Types.PostEvaluationTransform.Probit)
        {
            throw context.Unsupported($"Probit with {classes} classes: the format supports Probit for binary classification only.");
        }

        var (scores, _) = GlmWeights.Scores(context, rows, glm.Offset);
        string probabilities;
        if (binary)
        {
            var positive = Link(context, glm.PostEvaluationTransform, scores);
            var negative = context.Emit("complement", new ElementwiseActivation(new Activation(ActivationKind.Linear, -1f, 1f)), positive);
            probabilities = Named(context, declared, new ConcatOp(1), negative, positive);
        }
        else
        {
            var each = Link(context, glm.PostEvaluationTransform, scores);
            var total = context.Emit("total", new Reduce(ReductionKind.Sum, [1], keepDims: true), each);
            probabilities = Named(context, declared, new BinaryArithmetic(Parity.Engine.Kernels.Elementwise.BinaryKind.Divide), each, total);
        }

        var outputs = new Dictionary<string, string>();
        if (declared is not null) outputs[declared] = probabilities;
        var label = description?.PredictedFeatureName is { Length: > 0 } l ? l : null;
        return new ClassicStageResult(outputs, new CoreMLClassifierInfo(stringLabels, int64Labels, declared, label, probabilities));
    }

    private static string Link(ClassicStageContext context, GLMClassifier.Types.PostEvaluationTransform transform, string scores) => transform switch
    {
        GLMClassifier.Types.PostEvaluationTransform.Logit => GlmLink.Logit(context, scores),
        GLMClassifier.Types.PostEvaluationTransform.Probit => GlmLink.Probit(context, scores),
        var other => throw context.Error("postEvaluationTransform", $"is {other}; expected Logit or Probit."),
    };

    private static string Named(ClassicStageContext context, string? feature, Parity.Engine.Graph.IOperator op, params string[] inputs) =>
        feature is null ? context.Emit("probabilities", op, inputs) : context.EmitOutput(feature, op, inputs);
}
