using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.Classic;

/// <summary>
/// Core ML GLMRegressor (GLMRegressor.proto): y[k] = link(weights[k] . x + offset[k]) with link NoTransform (identity),
/// Logit or Probit. coremltools stores scikit-learn's LinearRegression as one row of coef_ and the intercept.
/// </summary>
internal static class GlmRegressorModel
{
    public static ClassicStageResult Build(ClassicStageContext context)
    {
        var glm = context.Model.GlmRegressor;
        if (context.OutputFeatures.Count != 1) throw context.Error("output", $"declares {context.OutputFeatures.Count} output features; a regressor writes exactly 1.");
        var output = context.OutputFeatures[0].Name;
        var (scores, _) = GlmWeights.Scores(context, glm.Weights.Select(w => (IReadOnlyList<double>)w.Value).ToList(), glm.Offset);
        var value = glm.PostEvaluationTransform switch
        {
            GLMRegressor.Types.PostEvaluationTransform.NoTransform => context.EmitOutput(output, new Parity.Engine.Ops.Core.Identity(), scores),
            GLMRegressor.Types.PostEvaluationTransform.Logit => GlmLink.Logit(context, scores, output),
            GLMRegressor.Types.PostEvaluationTransform.Probit => GlmLink.Probit(context, scores, output),
            var other => throw context.Error("postEvaluationTransform", $"is {other}; expected NoTransform, Logit or Probit."),
        };
        return new ClassicStageResult(new Dictionary<string, string> { [output] = value });
    }
}
