using Parity.Engine.Kernels.Classic;
using Parity.Engine.Ops.Classic;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.Classic;

/// <summary>
/// Core ML SupportVectorClassifier and SupportVectorRegressor (SVM.proto), which store a libsvm model as libsvm
/// keeps it (coremltools' libsvm converter copies sv_coef, rho, nSV, probA/probB and the 1-based sparse vectors; its
/// scikit-learn converter copies the same libsvm arrays, dense) and predict with libsvm's rules:
/// <list type="bullet">
/// <item>Regressor: y = sum_s alpha[s] K(x, v_s) - rho.</item>
/// <item>Classifier: one decision value per class pair i &lt; j, d = sum_s coef K - rho[pair], with coefficients
/// [classes - 1] x vectors and vectors grouped by class (numberOfSupportVectorsPerClass). With probA/probB the class
/// probabilities are libsvm's svm_predict_probability (Platt-scaled pairs, pairwise coupling) and the label is the most
/// probable class, as libsvm predicts with -b 1; without them the label is the one-vs-one vote winner (libsvm's
/// svm_predict) and no probabilities are reported.</item>
/// </list>
/// Kernels are libsvm's (<see cref="SvmKernel"/>); Core ML's PolyKernel/SigmoidKernel "c" is libsvm's coef0.
/// </summary>
internal static class SupportVectorModel
{
    public static ClassicStageResult BuildClassifier(ClassicStageContext context)
    {
        var svm = context.Model.SupportVectorClassifier;
        var labels = ClassicClassLabels.Of(context, svm.StringClassLabels, svm.Int64ClassLabels);
        var (rows, width) = ClassicFeatureVector.Rows(context);
        var vectors = Vectors(context, svm.Kernel, svm.DenseSupportVectors, svm.SparseSupportVectors, width);
        if (svm.NumberOfSupportVectorsPerClass.Count != labels.Count)
        {
            throw context.Error("numberOfSupportVectorsPerClass", $"has {svm.NumberOfSupportVectorsPerClass.Count} values for {labels.Count} classes; expected one per class.");
        }
        if (svm.Coefficients.Count != labels.Count - 1)
        {
            throw context.Error("coefficients", $"has {svm.Coefficients.Count} rows for {labels.Count} classes; expected classes - 1 = {labels.Count - 1} (libsvm's sv_coef).");
        }
        for (var k = 0; k < svm.Coefficients.Count; k++)
        {
            if (svm.Coefficients[k].Alpha.Count != vectors.Count) throw context.Error($"coefficients[{k}]", $"has {svm.Coefficients[k].Alpha.Count} values; expected one per support vector ({vectors.Count}).");
        }
        var probabilities = svm.ProbA.Count > 0 || svm.ProbB.Count > 0;
        SupportVectorClassifierOp op;
        try
        {
            op = new SupportVectorClassifierOp(vectors, svm.NumberOfSupportVectorsPerClass, svm.Coefficients.SelectMany(c => c.Alpha).ToList(), svm.Rho,
                probabilities ? svm.ProbA : null, probabilities ? svm.ProbB : null);
        }
        catch (ArgumentException e)
        {
            throw context.Error("supportVectorClassifier", e.Message);
        }
        var declared = probabilities ? ClassicClassLabels.ProbabilityOutput(context) : null;
        var scores = declared is null ? context.Emit(probabilities ? "probabilities" : "votes", op, rows) : context.EmitOutput(declared, op, rows);
        return ClassicClassLabels.Result(context, labels, scores, scoresAreProbabilities: probabilities);
    }

    public static ClassicStageResult BuildRegressor(ClassicStageContext context)
    {
        var svm = context.Model.SupportVectorRegressor;
        if (context.OutputFeatures.Count != 1) throw context.Error("output", $"declares {context.OutputFeatures.Count} output features; a regressor writes exactly 1.");
        var (rows, width) = ClassicFeatureVector.Rows(context);
        var vectors = Vectors(context, svm.Kernel, svm.DenseSupportVectors, svm.SparseSupportVectors, width);
        var alpha = svm.Coefficients?.Alpha ?? throw context.Error("coefficients", "is missing; expected one alpha per support vector.");
        if (alpha.Count != vectors.Count) throw context.Error("coefficients", $"has {alpha.Count} values; expected one per support vector ({vectors.Count}).");
        var output = context.OutputFeatures[0].Name;
        return new ClassicStageResult(new Dictionary<string, string> { [output] = context.EmitOutput(output, new SupportVectorRegressorOp(vectors, alpha, svm.Rho), rows) });
    }

    private static SupportVectors Vectors(ClassicStageContext context, Kernel? kernel, DenseSupportVectors? dense, SparseSupportVectors? sparse, int inputWidth)
    {
        var function = kernel?.KernelCase switch
        {
            Kernel.KernelOneofCase.LinearKernel => new SvmKernel(SvmKernelKind.Linear),
            Kernel.KernelOneofCase.RbfKernel => new SvmKernel(SvmKernelKind.Rbf, kernel.RbfKernel.Gamma),
            Kernel.KernelOneofCase.PolyKernel => kernel.PolyKernel.Degree >= 0
                ? new SvmKernel(SvmKernelKind.Polynomial, kernel.PolyKernel.Gamma, kernel.PolyKernel.C, kernel.PolyKernel.Degree)
                : throw context.Error("kernel.polyKernel.degree", $"is {kernel.PolyKernel.Degree}; expected >= 0."),
            Kernel.KernelOneofCase.SigmoidKernel => new SvmKernel(SvmKernelKind.Sigmoid, kernel.SigmoidKernel.Gamma, kernel.SigmoidKernel.C),
            _ => throw context.Error("kernel", "is not set; expected linearKernel, rbfKernel, polyKernel or sigmoidKernel."),
        };
        if (dense is not null)
        {
            if (dense.Vectors.Count == 0) throw context.Error("denseSupportVectors", "is empty; expected at least one support vector.");
            for (var s = 0; s < dense.Vectors.Count; s++)
            {
                if (dense.Vectors[s].Values.Count != inputWidth)
                {
                    throw context.Error($"denseSupportVectors[{s}]", $"has {dense.Vectors[s].Values.Count} values; the input features hold {inputWidth}.");
                }
            }
            return new SupportVectors(function, dense.Vectors.SelectMany(v => v.Values).ToArray(), inputWidth);
        }
        if (sparse is null || sparse.Vectors.Count == 0) throw context.Error("supportVectors", "is not set; expected dense or sparse support vectors.");
        // libsvm's sparse indices are 1-based feature numbers; features a vector does not list are 0.
        var width = inputWidth;
        foreach (var node in sparse.Vectors.SelectMany(v => v.Nodes))
        {
            if (node.Index < 1) throw context.Error("sparseSupportVectors", $"lists feature index {node.Index}; libsvm indices start at 1.");
            width = Math.Max(width, node.Index);
        }
        if ((long)width * sparse.Vectors.Count > int.MaxValue / 16) throw context.Error("sparseSupportVectors", $"would need {sparse.Vectors.Count} x {width} values.");
        var values = new double[width * sparse.Vectors.Count];
        for (var s = 0; s < sparse.Vectors.Count; s++)
        {
            foreach (var node in sparse.Vectors[s].Nodes) values[s * width + node.Index - 1] = node.Value;
        }
        return new SupportVectors(function, values, width);
    }
}
