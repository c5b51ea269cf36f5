using FsCheck;
using FsCheck.Fluent;
using Parity.Engine.Kernels.Classic;

namespace Parity.Engine.Tests.Kernels.Classic;

/// <summary>
/// A generated tree ensemble and input rows: trees of random shape with every branch mode, node ids that are neither
/// sequential nor listed in order, thresholds and inputs drawn from one small grid (so Equal/NotEqual and the
/// boundaries of the inequalities are hit) and some NaN inputs (missing values).
/// </summary>
public sealed record TreeEnsembleProblem(int Trees, int MaxDepth, int Features, int Dimensions, int Rows, int NaNPercent, int Seed)
{
    private static readonly double[] Grid = [-1, -0.5, 0, 0.5, 1];

    public static Gen<TreeEnsembleProblem> Generator =>
        from trees in Gen.Choose(1, 6)
        from depth in Gen.Choose(0, 5)
        from features in Gen.Choose(1, 7)
        from dimensions in Gen.Choose(1, 4)
        from rows in Gen.Choose(1, 150)
        from nan in Gen.Elements(0, 10, 50)
        from seed in Gen.Choose(0, 1_000_000)
        select new TreeEnsembleProblem(trees, depth, features, dimensions, rows, nan, seed);

    public List<TreeNode> Nodes()
    {
        var random = new Random(Seed);
        var nodes = new List<TreeNode>();
        for (var t = 0; t < Trees; t++)
        {
            var treeId = random.Next(0, 1000) * 10 + t;
            var ids = Enumerable.Range(0, 1 << (MaxDepth + 1)).Select(i => (long)i * 7 + 3).OrderBy(_ => random.Next()).ToList();
            var next = 0;
            Add(random, nodes, treeId, ids, ref next, 0);
        }
        return [.. nodes.OrderBy(_ => random.Next())];
    }

    public float[] Input()
    {
        var random = new Random(Seed + 1);
        return Enumerable.Range(0, Rows * Features)
            .Select(_ => random.Next(100) < NaNPercent ? float.NaN : (float)(Grid[random.Next(Grid.Length)] + (random.Next(3) - 1) * 0.25))
            .ToArray();
    }

    public double[] BasePrediction() => Enumerable.Range(0, Dimensions).Select(d => d * 0.5 - 1).ToArray();

    private long Add(Random random, List<TreeNode> nodes, long tree, List<long> ids, ref int next, int depth)
    {
        var id = ids[next++];
        if (depth == MaxDepth || random.Next(4) == 0)
        {
            var leaf = Enumerable.Range(0, random.Next(0, 3)).Select(_ => new LeafValue(random.Next(Dimensions), Math.Round(random.NextDouble() * 4 - 2, 3))).ToList();
            nodes.Add(new TreeNode(tree, id, TreeBranch.Leaf, 0, 0, 0, 0, false, leaf));
            return id;
        }
        var branch = (TreeBranch)random.Next(6);
        var trueChild = Add(random, nodes, tree, ids, ref next, depth + 1);
        var falseChild = Add(random, nodes, tree, ids, ref next, depth + 1);
        nodes.Add(new TreeNode(tree, id, branch, random.Next(Features), Grid[random.Next(Grid.Length)], trueChild, falseChild, random.Next(2) == 0, []));
        return id;
    }
}

public static class TreeEnsembleProblems
{
    public static Arbitrary<TreeEnsembleProblem> Problems() => Arb.From(TreeEnsembleProblem.Generator);
}
