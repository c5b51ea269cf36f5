using Parity.Engine.Kernels.Classic;

namespace Parity.Engine.Kernels.Reference;

/// <summary>
/// Reference twin of <see cref="Classic.TreeEnsemble"/>, written straight from the definition: for each row and each
/// tree (in first-listed order), start at the node no branch leads to, look each next node up by its id, and add the
/// leaf's values to the base prediction in double.
/// </summary>
public static class TreeEnsemble
{
    public static void Evaluate(IReadOnlyList<TreeNode> nodes, int dimensions, ReadOnlySpan<float> x, int rows, int features, ReadOnlySpan<double> basePrediction, Span<float> scores)
    {
        var byId = nodes.ToDictionary(n => (n.TreeId, n.NodeId));
        var children = nodes.Where(n => n.Branch != TreeBranch.Leaf).SelectMany(n => new[] { (n.TreeId, n.TrueChild), (n.TreeId, n.FalseChild) }).ToHashSet();
        var roots = nodes.Select(n => n.TreeId).Distinct().Select(tree => nodes.Single(n => n.TreeId == tree && !children.Contains((n.TreeId, n.NodeId)))).ToList();
        for (var row = 0; row < rows; row++)
        {
            var sums = new double[dimensions];
            for (var d = 0; d < dimensions; d++) sums[d] = basePrediction[d];
            foreach (var root in roots)
            {
                var node = root;
                while (node.Branch != TreeBranch.Leaf)
                {
                    double value = x[row * features + node.FeatureIndex];
                    var next = TreeNode.TakesTrueChild(node.Branch, value, node.Threshold, node.MissingTracksTrue) ? node.TrueChild : node.FalseChild;
                    node = byId[(node.TreeId, next)];
                }
                foreach (var leaf in node.Leaf) sums[leaf.Dimension] += leaf.Value;
            }
            for (var d = 0; d < dimensions; d++) scores[row * dimensions + d] = (float)sums[d];
        }
    }
}
