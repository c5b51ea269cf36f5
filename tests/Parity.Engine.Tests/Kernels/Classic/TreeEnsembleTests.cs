using FsCheck.Xunit;
using Parity.Engine.Kernels.Classic;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels.Classic;

/// <summary>The compiled tree ensemble against its reference twin, the reference against hand-worked trees, and the structure checks.</summary>
public class TreeEnsembleTests
{
    // Both walk the same trees in the same order and add the same doubles: results are bit-identical.
    [Property(Arbitrary = [typeof(TreeEnsembleProblems)], MaxTest = 100)]
    public void Compiled_matches_reference(TreeEnsembleProblem problem)
    {
        var nodes = problem.Nodes();
        var x = problem.Input();
        var expected = new float[problem.Rows * problem.Dimensions];
        var actual = new float[expected.Length];
        Ref.TreeEnsemble.Evaluate(nodes, problem.Dimensions, x, problem.Rows, problem.Features, problem.BasePrediction(), expected);
        TreeEnsemble.Evaluate(TreeEnsembleLayout.Compile(nodes, problem.Dimensions), x, problem.Rows, problem.Features, problem.BasePrediction(), actual);
        Assert.Equal(expected, actual);
    }

    // One branch on feature 0 against 1.0: true leaf adds 10, false leaf adds 20, on x = 0.5, 1, 1.5.
    [Theory]
    [InlineData(TreeBranch.LessThanOrEqual, 10f, 10f, 20f)]
    [InlineData(TreeBranch.LessThan, 10f, 20f, 20f)]
    [InlineData(TreeBranch.GreaterThanOrEqual, 20f, 10f, 10f)]
    [InlineData(TreeBranch.GreaterThan, 20f, 20f, 10f)]
    [InlineData(TreeBranch.Equal, 20f, 10f, 20f)]
    [InlineData(TreeBranch.NotEqual, 10f, 20f, 10f)]
    public void Reference_branches_as_each_mode_compares(TreeBranch branch, float below, float at, float above)
    {
        var scores = new float[3];
        Ref.TreeEnsemble.Evaluate(Stump(branch, missingTracksTrue: false), 1, [0.5f, 1f, 1.5f], 3, 1, [0.0], scores);
        Assert.Equal([below, at, above], scores);
    }

    [Theory]
    [InlineData(true, 10f)]
    [InlineData(false, 20f)]
    public void A_missing_value_follows_the_nodes_missing_child_whatever_the_comparison(bool missingTracksTrue, float expected)
    {
        foreach (var branch in Enum.GetValues<TreeBranch>().Where(b => b != TreeBranch.Leaf))
        {
            var scores = new float[1];
            Ref.TreeEnsemble.Evaluate(Stump(branch, missingTracksTrue), 1, [float.NaN], 1, 1, [0.0], scores);
            Assert.Equal(expected, scores[0]);
            TreeEnsemble.Evaluate(TreeEnsembleLayout.Compile(Stump(branch, missingTracksTrue), 1), [float.NaN], 1, 1, [0.0], scores);
            Assert.Equal(expected, scores[0]);
        }
    }

    [Fact]
    public void Leaves_of_all_trees_add_to_the_base_prediction_per_dimension()
    {
        // Tree 0: a single leaf adding 1 to dimension 0 and 2 to dimension 1. Tree 5: x <= 0 ? +4 to dim 1 : +8 to dim 0.
        // Base [0.5, -1]. x = -1: [0.5 + 1, -1 + 2 + 4] = [1.5, 5]; x = 3: [0.5 + 1 + 8, -1 + 2] = [9.5, 1].
        List<TreeNode> nodes =
        [
            new(5, 1, TreeBranch.Leaf, 0, 0, 0, 0, false, [new LeafValue(1, 4)]),
            new(0, 0, TreeBranch.Leaf, 0, 0, 0, 0, false, [new LeafValue(0, 1), new LeafValue(1, 2)]),
            new(5, 0, TreeBranch.LessThanOrEqual, 0, 0, 1, 2, false, []),
            new(5, 2, TreeBranch.Leaf, 0, 0, 0, 0, false, [new LeafValue(0, 8)]),
        ];
        var scores = new float[4];
        TreeEnsemble.Evaluate(TreeEnsembleLayout.Compile(nodes, 2), [-1f, 3f], 2, 1, [0.5, -1], scores);
        Assert.Equal([1.5f, 5f, 9.5f, 1f], scores);
    }

    [Fact]
    public void Broken_trees_are_refused_with_what_is_wrong()
    {
        var missingChild = new List<TreeNode> { new(0, 0, TreeBranch.LessThan, 0, 0, 1, 9, false, []), Leaf(0, 1) };
        Assert.Contains("node 9", Assert.Throws<ArgumentException>(() => TreeEnsembleLayout.Compile(missingChild, 1)).Message);

        var twoRoots = new List<TreeNode> { Leaf(0, 0), Leaf(0, 1) };
        Assert.Contains("2 root nodes", Assert.Throws<ArgumentException>(() => TreeEnsembleLayout.Compile(twoRoots, 1)).Message);

        // 0 -> 1 -> (2, 1): node 1 leads back to itself.
        var cycle = new List<TreeNode> { new(0, 0, TreeBranch.LessThan, 0, 0, 1, 2, false, []), new(0, 1, TreeBranch.LessThan, 0, 0, 2, 1, false, []), Leaf(0, 2) };
        Assert.Contains("loops back", Assert.Throws<ArgumentException>(() => TreeEnsembleLayout.Compile(cycle, 1)).Message);

        var wideLeaf = new List<TreeNode> { new(0, 0, TreeBranch.Leaf, 0, 0, 0, 0, false, [new LeafValue(3, 1)]) };
        Assert.Contains("dimension 3", Assert.Throws<ArgumentException>(() => TreeEnsembleLayout.Compile(wideLeaf, 2)).Message);
    }

    [Fact]
    public void Rows_narrower_than_the_features_the_trees_read_are_refused()
    {
        var layout = TreeEnsembleLayout.Compile([new(0, 0, TreeBranch.LessThan, 3, 0, 1, 2, false, []), Leaf(0, 1), Leaf(0, 2)], 1);
        Assert.Contains("feature 3", Assert.Throws<ArgumentException>(() => TreeEnsemble.Evaluate(layout, new float[3], 1, 3, [0.0], new float[1])).Message);
    }

    private static List<TreeNode> Stump(TreeBranch branch, bool missingTracksTrue) =>
    [
        new(0, 0, branch, 0, 1.0, 1, 2, missingTracksTrue, []),
        new(0, 1, TreeBranch.Leaf, 0, 0, 0, 0, false, [new LeafValue(0, 10)]),
        new(0, 2, TreeBranch.Leaf, 0, 0, 0, 0, false, [new LeafValue(0, 20)]),
    ];

    private static TreeNode Leaf(long tree, long id) => new(tree, id, TreeBranch.Leaf, 0, 0, 0, 0, false, []);
}
