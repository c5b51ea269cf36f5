using Parity.Engine.Graph;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.ControlFlow;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;
using EngineGraph = Parity.Engine.Graph.Graph;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>
/// loop, branch, loopBreak and loopContinue. Core ML blobs share one namespace: a nested network reads the blobs outside
/// it and its writes to those blobs persist, so a loop is a <see cref="LoopOp"/> and a branch a <see cref="BranchOp"/>
/// whose inputs are the outside blobs the nested networks read and whose outputs rebind the outside blobs they write.
/// The nested networks are built as <see cref="ControlBlock"/>s (<see cref="NeuralNetworkControlBlocks"/>).
/// </summary>
internal static class NeuralNetworkControlFlowLayers
{
    /// <summary>
    /// loop (NeuralNetwork.proto LoopLayerParams): with no conditionNetwork, bodyNetwork runs maxLoopIterations times;
    /// with one, conditionNetwork runs before every iteration and the loop stops when conditionVar is 0 (or after
    /// maxLoopIterations when that is positive). loopBreak / loopContinue in the body end the loop / the iteration. An input
    /// blob replaces maxLoopIterations ("in that case the value of the maxLoopIterations field is ignored"): a count known
    /// when reading becomes the bound, one computed at run time a hidden iteration counter tested with the condition.
    /// </summary>
    public static IReadOnlyList<string> Loop(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Loop;
        var outer = context.State;
        if (p.BodyNetwork is null) throw context.Error("loop.bodyNetwork", "is missing.");
        if (context.Inputs.Count > 1) throw context.Error("input", $"lists {context.Inputs.Count} blobs; a loop takes at most 1 (its iteration count).");
        var runtimeCount = context.Inputs.Count == 1 && context.KnownValue(context.Inputs[0]) is null;
        // 0 with a run-time count: the counter in the condition bounds the loop, not LoopOp's maxIterations.
        var iterations = context.Inputs.Count == 0 ? p.MaxLoopIterations
            : runtimeCount ? 0UL : (ulong)Math.Max(0L, NeuralNetworkLayerValues.KnownInteger(context, 0, "the iteration count"));
        var hasCondition = p.ConditionVar.Length > 0;
        // A count input known to be 0 runs the body no times, whatever the condition says.
        if (context.Inputs.Count == 1 && !runtimeCount && iterations == 0) return [];
        if (!hasCondition && iterations == 0 && !runtimeCount) throw context.Error("loop.maxLoopIterations", "is 0 and there is no conditionVar; the loop would never stop.");
        if (hasCondition && p.ConditionNetwork is null) throw context.Unsupported("a loop whose conditionVar is computed outside a conditionNetwork is not executed yet.");

        // Blobs the body writes that exist outside are carried from one iteration to the next and seen after the loop.
        var carried = NeuralNetworkControlBlocks.WrittenBlobs(p.BodyNetwork).Where(b => outer.Resolve(b) is not null).ToList();
        var scope = new NeuralNetworkGraphState(outer.Path, outer);
        foreach (var blob in carried) scope.Resolve(blob);
        var (body, _) = NeuralNetworkControlBlocks.Build(context, scope, p.BodyNetwork, "bodyNetwork", inLoop: true);

        EngineGraph? condition = null;
        string? conditionValue = null;
        NeuralNetworkGraphState? test = null;
        if (hasCondition)
        {
            test = new NeuralNetworkGraphState(outer.Path, outer);
            Build(context, test, p.ConditionNetwork!, "conditionNetwork");
            conditionValue = test.Blobs.GetValueOrDefault(p.ConditionVar)
                ?? throw context.Error("loop.conditionVar", $"names blob '{p.ConditionVar}', which the conditionNetwork does not write.");
            test.Builder.AddOutput(conditionValue);
            condition = test.Builder.Build();
            if (test.Imports.Any(i => i.Input != i.Blob)) throw context.Unsupported("a conditionNetwork whose blob names clash with its internal values is not executed yet.");
        }

        var imports = scope.Imports.Concat(test?.Imports ?? []).DistinctBy(i => i.Blob).Select(i => (i.Blob, i.Outer)).ToList();
        var loopCarried = carried.ToList();
        if (runtimeCount) (condition, conditionValue, body) = CountIterations(context, condition, conditionValue, body, imports, loopCarried);
        var op = new LoopOp(condition, conditionValue, body, imports.Select(i => i.Blob).ToList(), loopCarried, checked((long)iterations));
        var outputs = loopCarried.Select(b => outer.FreshValue(b)).ToArray();
        outer.Add(context.Layer.Name, op, imports.Select(i => i.Outer).ToArray(), outputs, problem => context.Error("loop", problem));
        for (var k = 0; k < carried.Count; k++) outer.Blobs[carried[k]] = outputs[k];
        return [];
    }

    /// <summary>
    /// A loop whose count is a run-time input: a hidden counter (0 before the loop) is raised first thing in every iteration,
    /// so continue and break cannot skip it, and the condition becomes "counter &lt; count" (and the conditionNetwork's value,
    /// when there is one): LoopLayerParams' case 3 "while (conditionVar and loopIterator &lt; maxLoopIterations)".
    /// </summary>
    private static (EngineGraph Condition, string Value, ControlBlock Body) CountIterations(NeuralNetworkLayerContext context, EngineGraph? condition,
        string? conditionValue, ControlBlock body, List<(string Blob, string Outer)> imports, List<string> carried)
    {
        var outer = context.State;
        var countBlob = context.Layer.Input[0];
        var counter = $"{context.Layer.Name}/iterations";
        while (outer.Resolve(counter) is not null || imports.Any(i => i.Blob == counter)) counter += "_";
        var scalar = new TensorType(DType.Float32, new Shape(1));
        var start = outer.FreshValue(counter);
        outer.Add($"{context.Layer.Name}/iterations", new Constant(Tensor.FromArray([0f], 1)), [], start, problem => context.Error("loop", problem));
        imports.Add((counter, start));
        if (!imports.Any(i => i.Blob == countBlob)) imports.Add((countBlob, context.Inputs[0]));
        carried.Add(counter);

        var raise = new GraphBuilder().AddInput("counter", scalar);
        raise.AddNode("one", new Constant(Tensor.FromArray([1f], 1)), [], ["one"]);
        raise.AddNode("raise", new BinaryArithmetic(BinaryKind.Add), ["counter", "one"], ["raised"]);
        var raised = new GraphStep(raise.AddOutput("raised").Build(), [counter], [("raised", counter)]);

        // The condition graph reads blobs by name: the counter and the count join the conditionNetwork's own inputs.
        var test = new GraphBuilder();
        foreach (var input in condition?.Inputs ?? []) test.AddInput(input.Name, input.Type);
        foreach (var node in condition?.Nodes ?? []) test.AddNode(node);
        if (condition?.Inputs.All(i => i.Name != counter) ?? true) test.AddInput(counter, scalar);
        if (condition?.Inputs.All(i => i.Name != countBlob) ?? true) test.AddInput(countBlob, outer.Types[context.Inputs[0]]);
        const string Within = "loop/within_count", Go = "loop/go";
        test.AddNode(Within, new Compare(CompareKind.Less), [counter, countBlob], [Within]);
        if (conditionValue is null)
        {
            return (test.AddOutput(Within).Build(), Within, new ControlBlock([raised, .. body.Steps]));
        }
        test.AddNode("loop/within_float", new Cast(DType.Float32), [Within], ["loop/within_float"]);
        test.AddNode("loop/held", new Compare(CompareKind.NotEqual), [conditionValue, "loop/zero"], ["loop/held"]);
        test.AddNode("loop/zero", new Constant(Tensor.FromArray([0f], 1)), [], ["loop/zero"]);
        test.AddNode("loop/held_float", new Cast(DType.Float32), ["loop/held"], ["loop/held_float"]);
        test.AddNode(Go, new BinaryArithmetic(BinaryKind.Multiply), ["loop/within_float", "loop/held_float"], [Go]);
        return (test.AddOutput(Go).Build(), Go, new ControlBlock([raised, .. body.Steps]));
    }

    /// <summary>
    /// branch (BranchLayerParams): ifBranch runs when the condition blob's absolute value is above 1e-6, elseBranch (optional)
    /// otherwise; the choice is made at run time. Blobs both bodies write, and outside blobs either body writes, are
    /// visible after the branch and must have one type on both paths. A condition known when reading (a loadConstant)
    /// selects its body then: its layers join the graph as if written in place, so each is seen and compared.
    /// </summary>
    public static IReadOnlyList<string> Branch(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Branch;
        var outer = context.State;
        var conditionBlob = context.Layer.Input.Count == 1 ? context.Layer.Input[0] : throw context.Error("input", $"lists {context.Inputs.Count} blobs; a branch takes exactly 1 (its condition).");
        if (p.IfBranch is null) throw context.Error("branch.ifBranch", "is missing.");
        if (NeuralNetworkControlBlocks.Signals(p.IfBranch) || NeuralNetworkControlBlocks.Signals(p.ElseBranch))
        {
            throw context.Error("branch", "holds a loopBreak or loopContinue but is not inside a loop's bodyNetwork.");
        }
        if (context.KnownValue(context.Inputs[0]) is { Length: 1 } known)
        {
            var chosen = BranchStep.Holds(known) ? p.IfBranch : p.ElseBranch;
            // Built once in a scratch scope first, so a body Parity cannot run leaves the graph untouched.
            NeuralNetworkControlBlocks.Build(context, new NeuralNetworkGraphState(outer.Path, outer), chosen, chosen == p.IfBranch ? "ifBranch" : "elseBranch", inLoop: false);
            if (chosen is not null) Build(context, outer, chosen, chosen == p.IfBranch ? "ifBranch" : "elseBranch");
            return [];
        }
        var scope = new NeuralNetworkGraphState(outer.Path, outer);
        scope.Resolve(conditionBlob);
        var (ifBlock, elseBlock, visible) = NeuralNetworkControlBlocks.Branches(context, scope, context.Layer, inLoop: false);
        var written = visible.Select(v => v.Blob).ToList();
        var op = new BranchOp(conditionBlob, ifBlock, elseBlock, scope.Imports.Select(i => i.Blob).ToList(), written);
        var outputs = written.Select(b => outer.FreshValue(b)).ToArray();
        outer.Add(context.Layer.Name, op, scope.Imports.Select(i => i.Outer).ToArray(), outputs, problem => context.Error("branch", problem));
        for (var k = 0; k < written.Count; k++) outer.Blobs[written[k]] = outputs[k];
        return [];
    }

    /// <summary>loopBreak / loopContinue outside a loop body (inside one, <see cref="NeuralNetworkControlBlocks"/> takes them).</summary>
    public static IReadOnlyList<string> LoopSignalOutsideLoop(NeuralNetworkLayerContext context) =>
        throw context.Error(context.TypeName, "is only valid inside a loop's bodyNetwork (NeuralNetwork.proto LoopBreakLayerParams / LoopContinueLayerParams).");

    /// <summary>Builds a nested network's layers; any layer it cannot build makes the whole control-flow layer unsupported.</summary>
    private static void Build(NeuralNetworkLayerContext context, NeuralNetworkGraphState nested, Format.NeuralNetwork network, string field)
    {
        var unsupported = new List<UnsupportedLayer>();
        var blocked = new HashSet<string>();
        foreach (var layer in network.Layers) CoreMLGraphReader.BuildLayer(nested, layer, unsupported, blocked);
        if (unsupported.Count > 0) throw context.Unsupported($"its {field} layer {unsupported[0]}");
    }
}
