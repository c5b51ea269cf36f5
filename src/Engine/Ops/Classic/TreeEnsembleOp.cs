using Parity.Engine.Graph;
using Parity.Engine.Kernels.Classic;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Classic;

/// <summary>
/// A decision-tree ensemble over rows: float32 [N, features] -> the base prediction plus every tree's leaf values,
/// float32 [N, dimensions] (compared and summed in double; see <see cref="TreeEnsemble"/>). Post-evaluation transforms
/// are separate ops, since formats differ in how they apply them.
/// </summary>
public sealed class TreeEnsembleOp : IOperator
{
    private readonly TreeEnsembleLayout _layout;
    private readonly double[] _basePrediction;

    /// <param name="nodes">The nodes of every tree, in any order.</param>
    /// <param name="basePrediction">One starting value per output dimension; its length is the number of dimensions.</param>
    public TreeEnsembleOp(IReadOnlyList<TreeNode> nodes, IReadOnlyList<double> basePrediction)
    {
        ArgumentNullException.ThrowIfNull(basePrediction);
        _layout = TreeEnsembleLayout.Compile(nodes, basePrediction.Count);
        _basePrediction = [.. basePrediction];
        TreeCount = nodes.Select(n => n.TreeId).Distinct().Count();
    }

    public string Kind => "TreeEnsemble";

    public int Dimensions => _layout.Dimensions;

    public int TreeCount { get; }

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1 || inputs[0].DType != DType.Float32 || inputs[0].Shape.Rank != 2)
        {
            throw new ShapeMismatchException($"TreeEnsemble takes one float32 [rows, features] input; got {string.Join(", ", inputs)}.");
        }
        var features = inputs[0].Shape[1];
        if (_layout.MaxFeatureIndex >= features)
        {
            throw new ShapeMismatchException($"TreeEnsemble branches on feature {_layout.MaxFeatureIndex}; its input {inputs[0].Shape} has {features} features per row.");
        }
        return [new TensorType(DType.Float32, new Shape(inputs[0].Shape[0], Dimensions))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var x = inputs[0];
        TreeEnsemble.Evaluate(_layout, x.Floats, x.Shape[0], x.Shape[1], _basePrediction, outputs[0].Floats);
    }
}
