namespace Parity.Engine.Kernels.Classic;

/// <summary>How a tree node routes a row: a comparison of one feature with the node's threshold (true child when it holds), or a leaf.</summary>
public enum TreeBranch
{
    LessThanOrEqual,
    LessThan,
    GreaterThanOrEqual,
    GreaterThan,
    Equal,
    NotEqual,
    Leaf,
}

/// <summary>A leaf's contribution: <paramref name="Value"/> added to output dimension <paramref name="Dimension"/>.</summary>
public readonly record struct LeafValue(int Dimension, double Value);

/// <summary>
/// One node of a decision-tree ensemble, as tree formats list them: identified by tree and node id, either a branch on
/// feature <see cref="FeatureIndex"/> against <see cref="Threshold"/> (a missing value, NaN, goes to the true child when
/// <see cref="MissingTracksTrue"/>, else to the false child) or a leaf adding <see cref="Leaf"/> values to the outputs.
/// </summary>
public sealed record TreeNode(
    long TreeId,
    long NodeId,
    TreeBranch Branch,
    int FeatureIndex,
    double Threshold,
    long TrueChild,
    long FalseChild,
    bool MissingTracksTrue,
    IReadOnlyList<LeafValue> Leaf)
{
    /// <summary>Whether a row whose feature holds <paramref name="value"/> goes to the true child.</summary>
    public static bool TakesTrueChild(TreeBranch branch, double value, double threshold, bool missingTracksTrue) => double.IsNaN(value)
        ? missingTracksTrue
        : branch switch
        {
            TreeBranch.LessThanOrEqual => value <= threshold,
            TreeBranch.LessThan => value < threshold,
            TreeBranch.GreaterThanOrEqual => value >= threshold,
            TreeBranch.GreaterThan => value > threshold,
            TreeBranch.Equal => value == threshold,
            TreeBranch.NotEqual => value != threshold,
            _ => throw new ArgumentException($"A {branch} node does not branch.", nameof(branch)),
        };
}
