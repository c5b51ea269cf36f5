using Parity.Engine.Graph;
using Parity.Engine.Ops.ControlFlow;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// cond and while_loop (MIL control_flow.py). A cond whose predicate is known while reading builds the chosen branch
/// into the program; with a run-time predicate both branches become graphs of their own under one engine branch node
/// (<see cref="BranchOp"/>). A while_loop is unrolled while its condition folds to a constant (a counter
/// compared with a bound, as converters write fixed-length recurrences); once it depends on run-time data the remaining
/// iterations run in an engine loop (<see cref="LoopOp"/>) over the condition and body built as graphs of their own.
/// </summary>
internal static class MilControlFlowOps
{
    /// <summary>Iterations after which an unrolled loop is taken to be endless.</summary>
    public const int MaxIterations = 10_000;

    public static void Cond(MilOpContext context)
    {
        if (context.BlockCount != 2) throw context.Error("blocks", $"holds {context.BlockCount} blocks; cond has a true and a false branch.");
        var predicate = context.ArgumentValues("pred").Single();
        if (predicate.Constant is not { Tensor: not null } known)
        {
            RunTimeCond(context, predicate);
            return;
        }
        var outputs = context.BuildBlock(known.ToLongs().Any(v => v != 0) ? 0 : 1, []);
        Bind(context, outputs);
    }

    /// <summary>
    /// Both branches built as graphs reading the run-time values they capture, under one <see cref="BranchOp"/>: the
    /// predicate (one bool) picks the branch that runs, and each output must have the same type in both branches, as
    /// the program declares one type per output.
    /// </summary>
    private static void RunTimeCond(MilOpContext context, MilValue predicate)
    {
        var captures = context.RuntimeCaptures();
        var names = Enumerable.Range(0, context.OutputCount).Select(k => $"{context.Name}/out{k}").ToArray();
        ControlBlock Branch(int index)
        {
            var branch = context.BuildSubgraph(index, [], [], captures);
            if (branch.Outputs.Count != names.Length) throw context.Error("outputs", $"declares {names.Length} values; block {index} returns {branch.Outputs.Count}.");
            var writes = branch.Outputs.Select((v, k) => (v.GraphValue!, names[k])).ToList();
            return new ControlBlock([new GraphStep(branch.Graph, branch.Graph.Inputs.Select(i => i.Name).ToList(), writes)]);
        }
        var (whenTrue, whenFalse) = (Branch(0), Branch(1));
        var condition = context.Materialize(predicate);
        string[] inputs = [condition, .. captures.Select(c => c.GraphValue).Where(v => v != condition).Distinct()];
        var branchOp = new BranchOp(condition, whenTrue, whenFalse, inputs, names);
        try
        {
            branchOp.InferOutputTypes(inputs.Select(context.TypeOf).ToArray());
        }
        catch (ShapeMismatchException e)
        {
            throw context.Unsupported($"its predicate is computed at run time and its branches disagree ({e.Message.TrimEnd('.')}); Parity runs such a cond when each output has one type in both branches.");
        }
        context.EmitOutputs(branchOp, inputs);
    }

    /// <summary>loop_vars feed block 0 (the condition, one bool output) and block 1 (the body, new loop_vars) until the condition is false.</summary>
    public static void WhileLoop(MilOpContext context)
    {
        if (context.BlockCount != 2) throw context.Error("blocks", $"holds {context.BlockCount} blocks; while_loop has a condition and a body.");
        var variables = context.ArgumentValues("loop_vars");
        var captures = context.RuntimeCaptures();
        for (var iteration = 0; ; iteration++)
        {
            if (iteration == MaxIterations) throw context.Error("blocks", $"the loop has not ended after {MaxIterations} iterations.");
            // The condition is tried in a graph of its own, so a run-time condition leaves nothing behind in the program.
            var condition = context.BuildSubgraph(0, variables, new string?[variables.Count], captures).Outputs;
            if (condition.Count != 1) throw context.Error("blocks", $"the condition block returns {condition.Count} values; expected one bool.");
            if (condition[0].Constant is not { Tensor: not null } known)
            {
                RunTimeLoop(context, variables, captures);
                return;
            }
            if (known.ToLongs().All(v => v == 0)) break;
            var next = context.BuildBlock(1, variables);
            if (next.Count != variables.Count) throw context.Error("blocks", $"the body returns {next.Count} values for {variables.Count} loop variables.");
            variables = next;
        }
        Bind(context, variables);
    }

    /// <summary>
    /// The loop from <paramref name="variables"/> on as one engine node: the loop variables are carried (each must keep its
    /// type across iterations) and the run-time values the blocks read come in as further inputs. The engine stops a
    /// condition that never turns false with an error after <see cref="LoopOp.UnboundedLimit"/> iterations.
    /// </summary>
    private static void RunTimeLoop(MilOpContext context, IReadOnlyList<MilValue> variables, IReadOnlyList<(string Name, string GraphValue)> captures)
    {
        var names = Enumerable.Range(0, variables.Count).Select(k => $"{context.Name}/loop_var{k}").ToArray();
        var condition = context.BuildSubgraph(0, variables, names, captures);
        var body = context.BuildSubgraph(1, variables, names, captures);
        if (body.Outputs.Count != variables.Count) throw context.Error("blocks", $"the body returns {body.Outputs.Count} values for {variables.Count} loop variables.");
        var loop = new LoopOp(condition.Graph, condition.Graph.Outputs[0], body.Graph, condition.Inputs, names, maxIterations: 0);
        var initial = variables.Select(context.Materialize).ToArray();
        string[] inputs = [.. initial, .. condition.Inputs.Skip(names.Length)];
        try
        {
            loop.InferOutputTypes(inputs.Select(context.TypeOf).ToArray());
        }
        catch (ShapeMismatchException e)
        {
            throw context.Unsupported($"its trip count is known only at run time and {e.Message} Parity runs such loops with loop variables of fixed types.");
        }
        context.EmitOutputs(loop, inputs);
    }

    private static void Bind(MilOpContext context, IReadOnlyList<MilValue> values)
    {
        if (values.Count != context.OutputCount) throw context.Error("outputs", $"declares {context.OutputCount} values; the block returns {values.Count}.");
        for (var k = 0; k < values.Count; k++) context.SetOutput(k, values[k]);
    }
}
