using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.Classic;

/// <summary>The classic (non-neural) Core ML model types Parity executes, by model type: one builder per type.</summary>
internal static class ClassicModels
{
    public static Func<ClassicStageContext, ClassicStageResult>? Find(Model.TypeOneofCase type) => type switch
    {
        Model.TypeOneofCase.Scaler => ScalerModel.Build,
        Model.TypeOneofCase.GlmRegressor => GlmRegressorModel.Build,
        Model.TypeOneofCase.GlmClassifier => GlmClassifierModel.Build,
        Model.TypeOneofCase.TreeEnsembleClassifier => TreeEnsembleModel.BuildClassifier,
        Model.TypeOneofCase.TreeEnsembleRegressor => TreeEnsembleModel.BuildRegressor,
        Model.TypeOneofCase.SupportVectorClassifier => SupportVectorModel.BuildClassifier,
        Model.TypeOneofCase.SupportVectorRegressor => SupportVectorModel.BuildRegressor,
        _ => null,
    };
}
