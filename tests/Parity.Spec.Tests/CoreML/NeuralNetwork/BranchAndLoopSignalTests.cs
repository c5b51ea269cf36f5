using Parity.Engine.Graph;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;
using static Parity.Spec.Tests.CoreML.NeuralNetworkModels;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// branch, loopBreak and loopContinue on hand-built networks. Expected values follow NeuralNetwork.proto: ifBranch runs
/// when the condition's absolute value is above 1e-6, elseBranch otherwise; loopBreak ends the loop and loopContinue the
/// iteration at the point where they sit, the blobs written before keeping their values.
/// </summary>
public class BranchAndLoopSignalTests
{
    private static NeuralNetworkLayer Compare(string name, string a, string b, string output, bool lessEqual)
    {
        var layer = new NeuralNetworkLayer { Name = name };
        layer.Input.Add(a);
        layer.Input.Add(b);
        layer.Output.Add(output);
        if (lessEqual) layer.LessEqual = new LessEqualLayerParams();
        else layer.GreaterEqual = new GreaterEqualLayerParams();
        return layer;
    }

    private static NeuralNetworkLayer Branch(string condition, Parity.Spec.CoreML.Format.NeuralNetwork ifBranch, Parity.Spec.CoreML.Format.NeuralNetwork? elseBranch = null)
    {
        var layer = new NeuralNetworkLayer { Name = "branch", Branch = new BranchLayerParams { IfBranch = ifBranch, ElseBranch = elseBranch } };
        layer.Input.Add(condition);
        return layer;
    }

    private static NeuralNetworkLayer Break() => new() { Name = "break", LoopBreak = new LoopBreakLayerParams() };

    private static NeuralNetworkLayer Continue() => new() { Name = "continue", LoopContinue = new LoopContinueLayerParams() };

    private static Parity.Spec.CoreML.Format.NeuralNetwork Net(params NeuralNetworkLayer[] layers)
    {
        var network = new Parity.Spec.CoreML.Format.NeuralNetwork();
        network.Layers.AddRange(layers);
        return network;
    }

    /// <summary>Reads a network over scalar inputs "x" and "c", runs it and returns the listed blobs' single values.</summary>
    private static float[] Run(NeuralNetworkLayer[] layers, float x, float c, params string[] blobs)
    {
        using var temp = new TemporaryDirectory();
        var read = CoreMLGraphReader.Read(Write(temp, Network([ArrayInput("x", 1), ArrayInput("c", 1)], blobs, layers)));
        Assert.Empty(read.Unsupported);
        using var xs = Tensor.FromArray([x], 1);
        using var cs = Tensor.FromArray([c], 1);
        using var result = Executor.Run(read.Graph, new Dictionary<string, Tensor> { ["x"] = xs, ["c"] = cs });
        return blobs.Select(b => result[read.Blobs[b]].Floats[0]).ToArray();
    }

    private static NeuralNetworkLayer[] AffineOrRelu() =>
    [
        Branch("c", Net(Linear("affine", "x", "y", 2f, 1f)), Net(Relu("relu", "x", "y"))),
        Copy("result", "y", "out"),
    ];

    [Theory]
    // x = -3: the if branch gives 2 * -3 + 1 = -5, the else branch relu(-3) = 0.
    [InlineData(1f, -5f)]
    [InlineData(-0.5f, -5f)] // |c| > 1e-6: a negative condition selects the if branch too
    [InlineData(0f, 0f)]
    [InlineData(1e-7f, 0f)] // |c| below 1e-6 counts as false
    public void A_branch_picks_its_body_from_the_condition_at_run_time(float condition, float expected)
    {
        Assert.Equal([expected], Run(AffineOrRelu(), -3f, condition, "out"));
    }

    [Theory]
    // y = x = 4 before the branch; the if branch rewrites y to 3 * 4 = 12, the absent else branch leaves it at 4.
    [InlineData(1f, 12f)]
    [InlineData(0f, 4f)]
    public void A_blob_written_on_one_path_keeps_its_old_value_on_the_other(float condition, float expected)
    {
        NeuralNetworkLayer[] layers =
        [
            Copy("start", "x", "y"),
            Branch("c", Net(Linear("triple", "y", "t", 3f, 0f), Copy("back", "t", "y"))),
            Copy("result", "y", "out"),
        ];
        Assert.Equal([expected], Run(layers, 4f, condition, "out"));
    }

    /// <summary>
    /// counter = 0; loop at most 10 times: counter += 1; if counter >= n: break; x = 2x. The condition input c is n.
    /// </summary>
    private static NeuralNetworkLayer[] DoubleUntilCounterReaches() =>
    [
        Linear("zero", "x", "counter", 0f, 0f),
        new NeuralNetworkLayer
        {
            Name = "loop",
            Loop = new LoopLayerParams
            {
                MaxLoopIterations = 10,
                BodyNetwork = Net(
                    Linear("next", "counter", "counter_next", 1f, 1f),
                    Copy("keep_counter", "counter_next", "counter"),
                    Compare("reached", "counter", "c", "done", lessEqual: false),
                    Branch("done", Net(Break())),
                    Linear("double", "x", "doubled", 2f, 0f),
                    Copy("keep_x", "doubled", "x")),
            },
        },
        Copy("result", "x", "out"),
        Copy("count", "counter", "iterations"),
    ];

    [Fact]
    public void A_loop_break_in_a_branch_ends_the_loop_at_a_data_dependent_step()
    {
        // n = 3: iteration 1 counter 1 (< 3) x 5 -> 10; iteration 2 counter 2, x -> 20; iteration 3 counter 3 >= 3 breaks
        // before the doubling. So x = 20 and counter = 3.
        Assert.Equal([20f, 3f], Run(DoubleUntilCounterReaches(), 5f, 3f, "out", "iterations"));
        // n = 1 breaks in the first iteration before any doubling: x stays 5, counter is 1.
        Assert.Equal([5f, 1f], Run(DoubleUntilCounterReaches(), 5f, 1f, "out", "iterations"));
        // n = 50 is never reached: all 10 iterations double, 5 * 2^10 = 5120.
        Assert.Equal([5120f, 10f], Run(DoubleUntilCounterReaches(), 5f, 50f, "out", "iterations"));
    }

    [Fact]
    public void A_loop_continue_skips_the_rest_of_the_iteration()
    {
        // counter = 0; 5 iterations: counter += 1; if counter <= n: continue; x += 1. With n = 2 iterations 1 and 2 skip
        // the increment and 3, 4, 5 do it: x = 7 + 3 = 10.
        NeuralNetworkLayer[] layers =
        [
            Linear("zero", "x", "counter", 0f, 0f),
            new NeuralNetworkLayer
            {
                Name = "loop",
                Loop = new LoopLayerParams
                {
                    MaxLoopIterations = 5,
                    BodyNetwork = Net(
                        Linear("next", "counter", "counter_next", 1f, 1f),
                        Copy("keep_counter", "counter_next", "counter"),
                        Compare("early", "counter", "c", "skip", lessEqual: true),
                        Branch("skip", Net(Continue()), Net()),
                        Linear("increment", "x", "x_next", 1f, 1f),
                        Copy("keep_x", "x_next", "x")),
                },
            },
            Copy("result", "x", "out"),
        ];
        Assert.Equal([10f], Run(layers, 7f, 2f, "out"));
    }

    [Fact]
    public void A_loop_break_outside_any_loop_is_a_format_error()
    {
        using var temp = new TemporaryDirectory();
        var model = Network([ArrayInput("x", 1), ArrayInput("c", 1)], ["out"], Branch("c", Net(Break())), Copy("result", "x", "out"));
        var e = Assert.Throws<ModelFormatException>(() => CoreMLGraphReader.Read(Write(temp, model)));
        Assert.Contains("loop", e.Message);
    }

    [Fact]
    public void Branch_bodies_that_leave_a_blob_with_different_shapes_are_unsupported()
    {
        // The if branch makes y a [2, 1, 1]-channel concat of x with itself; the else branch copies x ([1, 1, 1]).
        var concat = new NeuralNetworkLayer { Name = "twice", Concat = new ConcatLayerParams() };
        concat.Input.Add("x");
        concat.Input.Add("x");
        concat.Output.Add("y");
        using var temp = new TemporaryDirectory();
        var model = Network([ArrayInput("x", 1), ArrayInput("c", 1)], ["x2"],
            Branch("c", Net(concat), Net(Copy("same", "x", "y"))), Copy("other", "x", "x2"));
        var read = CoreMLGraphReader.Read(Write(temp, model));
        var unsupported = Assert.Single(read.Unsupported);
        Assert.Equal("branch", unsupported.Name);
        Assert.Contains("'y'", unsupported.Reason);
    }

    [Fact]
    public void A_layer_reading_a_blob_an_unsupported_branch_writes_is_not_built_on_the_value_from_before()
    {
        // y exists before the branch; the branch that would rewrite it cannot be built (its bodies disagree on y's shape).
        // The copy after it must not read the old y as if the branch had run: it is left unbuilt, as after any unsupported layer.
        var concat = new NeuralNetworkLayer { Name = "twice", Concat = new ConcatLayerParams() };
        concat.Input.Add("x");
        concat.Input.Add("x");
        concat.Output.Add("y");
        using var temp = new TemporaryDirectory();
        var model = Network([ArrayInput("x", 1), ArrayInput("c", 1)], ["out", "x2"],
            Copy("start", "x", "y"), Branch("c", Net(concat), Net(Copy("same", "x", "y"))), Copy("after", "y", "out"), Copy("other", "x", "x2"));
        var read = CoreMLGraphReader.Read(Write(temp, model));
        Assert.Equal("branch", Assert.Single(read.Unsupported).Name);
        Assert.False(read.Blobs.ContainsKey("out"));
        Assert.True(read.Blobs.ContainsKey("x2"));
    }

    private static NeuralNetworkLayer ConstantScalar(string output, float value)
    {
        var layer = new NeuralNetworkLayer { Name = $"const_{output}", LoadConstantND = new LoadConstantNDLayerParams { Data = Floats(value) } };
        layer.LoadConstantND.Shape.Add(1);
        layer.Output.Add(output);
        return layer;
    }

    [Fact]
    public void A_branch_on_a_constant_condition_builds_only_the_chosen_body_whatever_the_other_makes()
    {
        // The condition is the constant 0: the else body (y = relu(x)) is built in place, and the if body may even make
        // y a different shape (a concat of x with itself) since it is never run. x = -3 gives relu = 0; x = 2 gives 2.
        var concat = new NeuralNetworkLayer { Name = "twice", Concat = new ConcatLayerParams() };
        concat.Input.Add("x");
        concat.Input.Add("x");
        concat.Output.Add("y");
        NeuralNetworkLayer[] layers =
        [
            ConstantScalar("k", 0f),
            Branch("k", Net(concat), Net(Relu("relu", "x", "y"))),
            Copy("result", "y", "out"),
        ];
        Assert.Equal([0f], Run(layers, -3f, 5f, "out"));
        Assert.Equal([2f], Run(layers, 2f, 5f, "out"));
    }

    [Theory]
    // The input count overrides maxLoopIterations 10: x = 5 doubles three times to 40, or not at all for a count of 0.
    [InlineData(3f, 40f)]
    [InlineData(0f, 5f)]
    public void A_loop_count_input_known_when_reading_replaces_maxLoopIterations(float count, float expected)
    {
        var loop = new NeuralNetworkLayer
        {
            Name = "loop",
            Loop = new LoopLayerParams { MaxLoopIterations = 10, BodyNetwork = Net(Linear("double", "x", "doubled", 2f, 0f), Copy("keep_x", "doubled", "x")) },
        };
        loop.Input.Add("n");
        Assert.Equal([expected], Run([ConstantScalar("n", count), loop, Copy("result", "x", "out")], 5f, 0f, "out"));
    }

    [Theory]
    // No conditionNetwork: the run-time count c alone bounds the loop. x = 5 doubles c times: 5 * 2^3 = 40; c = 0 leaves 5.
    [InlineData(3f, 40f)]
    [InlineData(0f, 5f)]
    public void A_loop_count_computed_at_run_time_bounds_the_iterations(float count, float expected)
    {
        var loop = new NeuralNetworkLayer
        {
            Name = "loop",
            Loop = new LoopLayerParams { MaxLoopIterations = 10, BodyNetwork = Net(Linear("double", "x", "doubled", 2f, 0f), Copy("keep_x", "doubled", "x")) },
        };
        loop.Input.Add("c");
        Assert.Equal([expected], Run([loop, Copy("result", "x", "out")], 5f, count, "out"));
    }

    [Theory]
    // The conditionNetwork (relu(3 - k), k counting iterations from 0) allows 3 iterations; the run-time count c joins it:
    // c = 2 stops after 2 (x = 5 * 4 = 20), c = 10 lets the condition stop after 3 (5 * 8 = 40).
    [InlineData(2f, 20f)]
    [InlineData(10f, 40f)]
    public void A_run_time_count_and_a_condition_network_both_bound_the_loop(float count, float expected)
    {
        var loop = new NeuralNetworkLayer
        {
            Name = "loop",
            Loop = new LoopLayerParams
            {
                ConditionVar = "go",
                ConditionNetwork = Net(Linear("left", "k", "remaining", -1f, 3f), Relu("go", "remaining", "go")),
                BodyNetwork = Net(Linear("double", "x", "doubled", 2f, 0f), Copy("keep_x", "doubled", "x"), Linear("next", "k", "k_next", 1f, 1f), Copy("keep_k", "k_next", "k")),
            },
        };
        loop.Input.Add("c");
        Assert.Equal([expected], Run([Linear("zero", "x", "k", 0f, 0f), loop, Copy("result", "x", "out")], 5f, count, "out"));
    }
}
