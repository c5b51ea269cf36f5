using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Classic;
using Parity.Engine.Ops.Classic;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Spec.CoreML.Format;
using Transform = Parity.Spec.CoreML.Format.TreeEnsemblePostEvaluationTransform;

namespace Parity.Spec.CoreML.Classic;

/// <summary>
/// Core ML TreeEnsembleClassifier and TreeEnsembleRegressor (TreeEnsemble.proto): each row walks every tree from its
/// root (a branch compares feature branchFeatureIndex of the concatenated input features with branchFeatureValue and
/// goes to trueChildNodeId when the comparison holds; NaN is a missing value and follows missingValueTracksTrueChild);
/// the reached leaves' evaluationInfo values are added to basePredictionValue per dimension, in double; then
/// postEvaluationTransform: NoTransform leaves the sums, Classification_SoftMax takes their softmax, Regression_Logistic
/// the logistic of each. relativeHitRate only guides Core ML's optimisation and is ignored. Inputs reach the engine as
/// float32 like every Parity input; thresholds stay double, so a threshold written as a float32 (coremltools' xgboost
/// force_32bit_float) splits float32 inputs exactly as Core ML does.
/// <list type="bullet">
/// <item>A classifier with one dimension per class reports the transformed sums as its class probabilities, even
/// unnormalised: coremltools writes scikit-learn random forests with each tree's class fractions and NoTransform, and
/// Core ML reports their sums (n_estimators x predict_proba; apple/coremltools#1541).</item>
/// <item>A two-class classifier with one dimension (xgboost's binary:logistic, scikit-learn's binary trees) gives the
/// second label p = the transformed sum and the first 1 - p, as GLMClassifier does.</item>
/// </list>
/// The predicted label is the first class of largest probability. Classification_SoftMaxWithZeroClassReference is not
/// defined by the format's documentation and no converter writes it, so it is refused rather than guessed.
/// </summary>
internal static class TreeEnsembleModel
{
    public static ClassicStageResult BuildClassifier(ClassicStageContext context)
    {
        var classifier = context.Model.TreeEnsembleClassifier;
        var labels = ClassicClassLabels.Of(context, classifier.StringClassLabels, classifier.Int64ClassLabels);
        var scores = Scores(context, classifier.TreeEnsemble);
        var dimensions = classifier.TreeEnsemble.NumPredictionDimensions;
        var declared = ClassicClassLabels.ProbabilityOutput(context);
        string probabilities;
        if ((int)dimensions == labels.Count)
        {
            probabilities = Transformed(context, classifier.PostEvaluationTransform, scores, declared, "probabilities");
        }
        else if (dimensions == 1 && labels.Count == 2)
        {
            if (classifier.PostEvaluationTransform == Transform.ClassificationSoftMax)
            {
                throw context.Unsupported("Classification_SoftMax over a single dimension: the softmax of one value is always 1, so the format does not define the two classes' probabilities.");
            }
            var positive = Transformed(context, classifier.PostEvaluationTransform, scores, null, "positive");
            var negative = context.Emit("complement", new ElementwiseActivation(new Activation(ActivationKind.Linear, -1f, 1f)), positive);
            probabilities = Named(context, declared, "probabilities", new ConcatOp(1), negative, positive);
        }
        else
        {
            throw context.Error("treeEnsemble.numPredictionDimensions", $"is {dimensions} for {labels.Count} classes; expected one per class, or 1 for 2 classes.");
        }
        return ClassicClassLabels.Result(context, labels, probabilities);
    }

    public static ClassicStageResult BuildRegressor(ClassicStageContext context)
    {
        var regressor = context.Model.TreeEnsembleRegressor;
        if (context.OutputFeatures.Count != 1) throw context.Error("output", $"declares {context.OutputFeatures.Count} output features; a regressor writes exactly 1.");
        var output = context.OutputFeatures[0].Name;
        var scores = Scores(context, regressor.TreeEnsemble);
        return new ClassicStageResult(new Dictionary<string, string> { [output] = Transformed(context, regressor.PostEvaluationTransform, scores, output, "prediction") });
    }

    private static string Scores(ClassicStageContext context, TreeEnsembleParameters? parameters)
    {
        if (parameters is null) throw context.Error("treeEnsemble", "is missing; expected the trees' nodes and base prediction.");
        var dimensions = parameters.NumPredictionDimensions;
        if (dimensions is < 1 or > 1 << 20) throw context.Error("treeEnsemble.numPredictionDimensions", $"is {dimensions}; expected between 1 and {1 << 20}.");
        if (parameters.BasePredictionValue.Count != (int)dimensions)
        {
            throw context.Error("treeEnsemble.basePredictionValue", $"has {parameters.BasePredictionValue.Count} values; expected one per prediction dimension ({dimensions}).");
        }
        if (parameters.Nodes.Count == 0) throw context.Error("treeEnsemble.nodes", "is empty; expected at least one tree.");
        var nodes = parameters.Nodes.Select(n => Node(context, n)).ToList();
        var (rows, width) = ClassicFeatureVector.Rows(context);
        TreeEnsembleOp op;
        try
        {
            op = new TreeEnsembleOp(nodes, parameters.BasePredictionValue);
        }
        catch (ArgumentException e)
        {
            throw context.Error("treeEnsemble.nodes", e.Message);
        }
        var used = nodes.Where(n => n.Branch != TreeBranch.Leaf).Select(n => n.FeatureIndex).DefaultIfEmpty(-1).Max();
        if (used >= width) throw context.Error("treeEnsemble.nodes", $"branch on feature {used}, but the input features hold {width} numbers.");
        return context.Emit("scores", op, rows);
    }

    private static TreeNode Node(ClassicStageContext context, TreeEnsembleParameters.Types.TreeNode node)
    {
        var where = $"treeEnsemble node {node.NodeId} of tree {node.TreeId}";
        var branch = node.NodeBehavior switch
        {
            TreeEnsembleParameters.Types.TreeNode.Types.TreeNodeBehavior.BranchOnValueLessThanEqual => TreeBranch.LessThanOrEqual,
            TreeEnsembleParameters.Types.TreeNode.Types.TreeNodeBehavior.BranchOnValueLessThan => TreeBranch.LessThan,
            TreeEnsembleParameters.Types.TreeNode.Types.TreeNodeBehavior.BranchOnValueGreaterThanEqual => TreeBranch.GreaterThanOrEqual,
            TreeEnsembleParameters.Types.TreeNode.Types.TreeNodeBehavior.BranchOnValueGreaterThan => TreeBranch.GreaterThan,
            TreeEnsembleParameters.Types.TreeNode.Types.TreeNodeBehavior.BranchOnValueEqual => TreeBranch.Equal,
            TreeEnsembleParameters.Types.TreeNode.Types.TreeNodeBehavior.BranchOnValueNotEqual => TreeBranch.NotEqual,
            TreeEnsembleParameters.Types.TreeNode.Types.TreeNodeBehavior.LeafNode => TreeBranch.Leaf,
            var other => throw context.Error(where, $"has nodeBehavior {(int)other}; expected a BranchOnValue mode or LeafNode."),
        };
        if (node.BranchFeatureIndex > int.MaxValue) throw context.Error(where, $"branches on feature {node.BranchFeatureIndex}; expected a feature of the input.");
        var leaf = new List<LeafValue>();
        foreach (var info in node.EvaluationInfo)
        {
            if (info.EvaluationIndex > int.MaxValue) throw context.Error(where, $"adds to dimension {info.EvaluationIndex}; expected below numPredictionDimensions.");
            leaf.Add(new LeafValue((int)info.EvaluationIndex, info.EvaluationValue));
        }
        return new TreeNode((long)node.TreeId, (long)node.NodeId, branch, (int)node.BranchFeatureIndex, node.BranchFeatureValue,
            (long)node.TrueChildNodeId, (long)node.FalseChildNodeId, node.MissingValueTracksTrueChild, leaf);
    }

    private static string Transformed(ClassicStageContext context, Transform transform, string scores, string? feature, string step) => transform switch
    {
        Transform.NoTransform => Named(context, feature, step, new Parity.Engine.Ops.Core.Identity(), scores),
        Transform.ClassificationSoftMax => Named(context, feature, step, new AxisSoftmax(1), scores),
        Transform.RegressionLogistic => Named(context, feature, step, new ElementwiseActivation(new Activation(ActivationKind.Sigmoid)), scores),
        Transform.ClassificationSoftMaxWithZeroClassReference => throw context.Unsupported(
            "postEvaluationTransform Classification_SoftMaxWithZeroClassReference: the format does not document it and no converter writes it, so Parity does not guess its definition."),
        var other => throw context.Error("postEvaluationTransform", $"is {(int)other}; expected NoTransform, Classification_SoftMax or Regression_Logistic."),
    };

    private static string Named(ClassicStageContext context, string? feature, string step, IOperator op, params string[] inputs) =>
        feature is null ? context.Emit(step, op, inputs) : context.EmitOutput(feature, op, inputs);
}
