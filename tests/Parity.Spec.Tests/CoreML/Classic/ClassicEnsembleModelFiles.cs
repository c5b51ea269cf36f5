using Google.Protobuf;
using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using static Parity.Spec.Tests.CoreML.ClassicModelFiles;
using Behavior = Parity.Spec.CoreML.Format.TreeEnsembleParameters.Types.TreeNode.Types.TreeNodeBehavior;
using Node = Parity.Spec.CoreML.Format.TreeEnsembleParameters.Types.TreeNode;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML;

/// <summary>Builds small tree ensemble and SVM Core ML models in memory, and runs models with several named inputs.</summary>
internal static class ClassicEnsembleModelFiles
{
    public static Node Branch(ulong tree, ulong id, Behavior behavior, ulong feature, double threshold, ulong trueChild, ulong falseChild, bool missingTrue = false) => new()
    {
        TreeId = tree,
        NodeId = id,
        NodeBehavior = behavior,
        BranchFeatureIndex = feature,
        BranchFeatureValue = threshold,
        TrueChildNodeId = trueChild,
        FalseChildNodeId = falseChild,
        MissingValueTracksTrueChild = missingTrue,
    };

    public static Node Leaf(ulong tree, ulong id, params (ulong Index, double Value)[] values)
    {
        var node = new Node { TreeId = tree, NodeId = id, NodeBehavior = Behavior.LeafNode };
        node.EvaluationInfo.AddRange(values.Select(v => new Node.Types.EvaluationInfo { EvaluationIndex = v.Index, EvaluationValue = v.Value }));
        return node;
    }

    public static TreeEnsembleParameters Ensemble(double[] basePrediction, params Node[] nodes)
    {
        var parameters = new TreeEnsembleParameters { NumPredictionDimensions = (ulong)basePrediction.Length };
        parameters.BasePredictionValue.AddRange(basePrediction);
        parameters.Nodes.AddRange(nodes);
        return parameters;
    }

    /// <summary>A tree ensemble regressor reading <paramref name="inputs"/> (features in order) and writing "y".</summary>
    public static Model TreeRegressor(TreeEnsembleParameters parameters, TreeEnsemblePostEvaluationTransform transform, params FeatureDescription[] inputs)
    {
        var model = new Model
        {
            SpecificationVersion = 1,
            Description = new ModelDescription { PredictedFeatureName = "y" },
            TreeEnsembleRegressor = new TreeEnsembleRegressor { TreeEnsemble = parameters, PostEvaluationTransform = transform },
        };
        model.Description.Input.AddRange(inputs);
        model.Description.Output.Add(new FeatureDescription { Name = "y", Type = new FeatureType { DoubleType = new DoubleFeatureType() } });
        return model;
    }

    /// <summary>A tree ensemble classifier on multi-array "x" with int64 labels, writing "label" and "probabilities".</summary>
    public static Model TreeClassifier(TreeEnsembleParameters parameters, TreeEnsemblePostEvaluationTransform transform, long[] labels, int width)
    {
        var classifier = new TreeEnsembleClassifier { TreeEnsemble = parameters, PostEvaluationTransform = transform, Int64ClassLabels = new Int64Vector() };
        classifier.Int64ClassLabels.Vector.AddRange(labels);
        return Classified(new Model { SpecificationVersion = 1, TreeEnsembleClassifier = classifier }, width, Int64Feature("label"));
    }

    public static SupportVectorRegressor SvmRegressor(Kernel kernel, double[][] dense, double[] alpha, double rho)
    {
        var svm = new SupportVectorRegressor { Kernel = kernel, Coefficients = new Coefficients(), Rho = rho, DenseSupportVectors = Dense(dense) };
        svm.Coefficients.Alpha.AddRange(alpha);
        return svm;
    }

    public static Model Regressor(SupportVectorRegressor svm, int width)
    {
        var model = new Model { SpecificationVersion = 1, Description = new ModelDescription { PredictedFeatureName = "y" }, SupportVectorRegressor = svm };
        model.Description.Input.Add(DoubleArray("x", width));
        model.Description.Output.Add(new FeatureDescription { Name = "y", Type = new FeatureType { DoubleType = new DoubleFeatureType() } });
        return model;
    }

    /// <summary>A classifier with string labels on multi-array "x"; it declares "probabilities" only when the SVM has probA/probB.</summary>
    public static Model Classifier(SupportVectorClassifier svm, string[] labels, int width)
    {
        svm.StringClassLabels = new StringVector();
        svm.StringClassLabels.Vector.AddRange(labels);
        var model = new Model { SpecificationVersion = 1, SupportVectorClassifier = svm };
        return svm.ProbA.Count > 0 ? Classified(model, width, StringFeature("label")) : Described(model, width, StringFeature("label"));
    }

    public static DenseSupportVectors Dense(double[][] vectors)
    {
        var dense = new DenseSupportVectors();
        foreach (var v in vectors)
        {
            var vector = new DenseVector();
            vector.Values.AddRange(v);
            dense.Vectors.Add(vector);
        }
        return dense;
    }

    /// <summary>Writes <paramref name="model"/>, reads it with the inputs' shapes, runs it and returns the graph outputs by value name.</summary>
    public static (Dictionary<string, float[]> Values, ExecutableModel Model) RunInputs(Model model, Dictionary<string, float[]> inputs)
    {
        using var temp = new TemporaryDirectory();
        var path = temp.WriteFile("model.mlmodel", model.ToByteArray());
        var executable = ModelFiles.Load(path, new ModelLoadOptions { InputShapes = inputs.ToDictionary(i => i.Key, i => new Shape(i.Value.Length)) });
        var tensors = inputs.ToDictionary(i => i.Key, i => Tensor.FromArray(i.Value, i.Value.Length));
        try
        {
            using var result = Executor.Run(executable.Graph, tensors);
            return (executable.Graph.Outputs.ToDictionary(o => o, o => result[o].Floats.ToArray()), executable);
        }
        finally
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
        }
    }

    private static Model Classified(Model model, int width, FeatureDescription label)
    {
        Described(model, width, label);
        model.Description.PredictedProbabilitiesName = "probabilities";
        model.Description.Output.Add(Dictionary("probabilities"));
        return model;
    }

    private static Model Described(Model model, int width, FeatureDescription label)
    {
        model.Description = new ModelDescription { PredictedFeatureName = "label" };
        model.Description.Input.Add(DoubleArray("x", width));
        model.Description.Output.Add(label);
        return model;
    }
}
