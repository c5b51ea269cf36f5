namespace Parity.Engine.Kernels.Classic;

/// <summary>
/// A tree ensemble flattened for evaluation: node ids resolved to array indices once, leaves' values in one run per
/// leaf, one root per tree. <see cref="Compile"/> checks the structure (every child exists, one root per tree, no
/// cycles, leaf dimensions in range) so evaluation never meets a broken tree.
/// </summary>
public sealed class TreeEnsembleLayout
{
    private TreeEnsembleLayout(int dimensions, int[] roots, TreeBranch[] branches, int[] features, double[] thresholds, int[] trueChildren,
        int[] falseChildren, bool[] missingTracksTrue, int[] leafStarts, LeafValue[] leafValues)
    {
        Dimensions = dimensions;
        Roots = roots;
        Branches = branches;
        Features = features;
        Thresholds = thresholds;
        TrueChildren = trueChildren;
        FalseChildren = falseChildren;
        MissingTracksTrue = missingTracksTrue;
        LeafStarts = leafStarts;
        LeafValues = leafValues;
        MaxFeatureIndex = features.Where((_, i) => branches[i] != TreeBranch.Leaf).DefaultIfEmpty(-1).Max();
    }

    /// <summary>Number of output dimensions the leaves add to.</summary>
    public int Dimensions { get; }

    /// <summary>The largest feature index any branch reads (-1 when every tree is a single leaf).</summary>
    public int MaxFeatureIndex { get; }

    internal int[] Roots { get; }

    internal TreeBranch[] Branches { get; }

    internal int[] Features { get; }

    internal double[] Thresholds { get; }

    internal int[] TrueChildren { get; }

    internal int[] FalseChildren { get; }

    internal bool[] MissingTracksTrue { get; }

    // Node i's leaf values are LeafValues[LeafStarts[i]..LeafStarts[i + 1]].
    internal int[] LeafStarts { get; }

    internal LeafValue[] LeafValues { get; }

    /// <summary>Resolves and checks <paramref name="nodes"/> (any order) for <paramref name="dimensions"/> outputs.</summary>
    public static TreeEnsembleLayout Compile(IReadOnlyList<TreeNode> nodes, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (dimensions < 1) throw new ArgumentException($"A tree ensemble needs at least 1 output dimension; got {dimensions}.", nameof(dimensions));
        var index = new Dictionary<(long Tree, long Node), int>(nodes.Count);
        // Trees in first-listed order: the order their leaves are summed in.
        var trees = new List<long>();
        var treeNumbers = new Dictionary<long, int>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (!index.TryAdd((node.TreeId, node.NodeId), i)) throw new ArgumentException($"Tree {node.TreeId} lists node {node.NodeId} twice.", nameof(nodes));
            if (treeNumbers.TryAdd(node.TreeId, trees.Count)) trees.Add(node.TreeId);
        }

        var count = nodes.Count;
        var branches = new TreeBranch[count];
        var features = new int[count];
        var thresholds = new double[count];
        var trueChildren = new int[count];
        var falseChildren = new int[count];
        var missing = new bool[count];
        var leafStarts = new int[count + 1];
        var leafValues = new List<LeafValue>();
        var hasParent = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var node = nodes[i];
            branches[i] = node.Branch;
            leafStarts[i] = leafValues.Count;
            if (node.Branch == TreeBranch.Leaf)
            {
                foreach (var leaf in node.Leaf)
                {
                    if (leaf.Dimension < 0 || leaf.Dimension >= dimensions)
                    {
                        throw new ArgumentException($"Leaf node {node.NodeId} of tree {node.TreeId} adds to dimension {leaf.Dimension}; expected 0..{dimensions - 1}.", nameof(nodes));
                    }
                    leafValues.Add(leaf);
                }
                continue;
            }
            if (!Enum.IsDefined(node.Branch)) throw new ArgumentException($"Node {node.NodeId} of tree {node.TreeId} has branch mode {(int)node.Branch}.", nameof(nodes));
            if (node.FeatureIndex < 0) throw new ArgumentException($"Node {node.NodeId} of tree {node.TreeId} branches on feature {node.FeatureIndex}; expected >= 0.", nameof(nodes));
            features[i] = node.FeatureIndex;
            thresholds[i] = node.Threshold;
            missing[i] = node.MissingTracksTrue;
            trueChildren[i] = Child(index, node, node.TrueChild, "true");
            falseChildren[i] = Child(index, node, node.FalseChild, "false");
            hasParent[trueChildren[i]] = true;
            hasParent[falseChildren[i]] = true;
        }
        leafStarts[count] = leafValues.Count;

        var roots = new int[trees.Count];
        var rootCounts = new int[trees.Count];
        for (var i = 0; i < count; i++)
        {
            if (hasParent[i]) continue;
            var t = treeNumbers[nodes[i].TreeId];
            roots[t] = i;
            rootCounts[t]++;
        }
        for (var t = 0; t < trees.Count; t++)
        {
            if (rootCounts[t] != 1)
            {
                throw new ArgumentException($"Tree {trees[t]} has {rootCounts[t]} root nodes (nodes no branch leads to); expected exactly 1.", nameof(nodes));
            }
        }
        var layout = new TreeEnsembleLayout(dimensions, roots, branches, features, thresholds, trueChildren, falseChildren, missing, leafStarts, [.. leafValues]);
        layout.CheckAcyclic(nodes);
        return layout;
    }

    private static int Child(Dictionary<(long, long), int> index, TreeNode node, long child, string which) =>
        index.TryGetValue((node.TreeId, child), out var i)
            ? i
            : throw new ArgumentException($"Node {node.NodeId} of tree {node.TreeId} sends its {which} branch to node {child}, which the tree does not have.", "nodes");

    // A walk longer than the node count revisits a node: the tree has a cycle and evaluation would never end.
    private void CheckAcyclic(IReadOnlyList<TreeNode> nodes)
    {
        var state = new byte[Branches.Length];
        var stack = new Stack<(int Node, bool Leaving)>();
        foreach (var root in Roots)
        {
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (node, leaving) = stack.Pop();
                if (leaving)
                {
                    state[node] = 2;
                    continue;
                }
                if (state[node] == 1) throw new ArgumentException($"Tree {nodes[node].TreeId} loops back to node {nodes[node].NodeId}.", nameof(nodes));
                if (state[node] == 2) continue;
                state[node] = 1;
                stack.Push((node, true));
                if (Branches[node] == TreeBranch.Leaf) continue;
                stack.Push((TrueChildren[node], false));
                stack.Push((FalseChildren[node], false));
            }
        }
    }
}
