using Parity.Engine.Ops.ControlFlow;
using EngineGraph = Parity.Engine.Graph.Graph;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>
/// loop: conditionNetwork / conditionVar / maxLoopIterations around a bodyNetwork. Core ML blobs share one namespace: a nested
/// network reads the blobs outside it and its writes to those blobs persist, so a loop is a <see cref="LoopOp"/> whose
/// inputs are the outside blobs the nested networks read and whose outputs rebind the outside blobs the body writes.
/// </summary>
internal static class NeuralNetworkControlFlowLayers
{
    public static IReadOnlyList<string> Loop(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Loop;
        var outer = context.State;
        if (p.BodyNetwork is null) throw context.Error("loop.bodyNetwork", "is missing.");
        if (context.Inputs.Count > 0) throw context.Unsupported("a loop whose iteration count is an input blob is not executed yet.");
        var hasCondition = p.ConditionVar.Length > 0;
        if (!hasCondition && p.MaxLoopIterations == 0) throw context.Error("loop.maxLoopIterations", "is 0 and there is no conditionVar; the loop would never stop.");
        if (hasCondition && p.ConditionNetwork is null) throw context.Unsupported("a loop whose conditionVar is computed outside a conditionNetwork is not executed yet.");

        // Blobs the body writes that exist outside are carried from one iteration to the next and seen after the loop.
        var carried = p.BodyNetwork.Layers.SelectMany(l => l.Output).Distinct().Where(b => outer.Resolve(b) is not null).ToList();
        var body = new NeuralNetworkGraphState(outer.Path, outer);
        foreach (var blob in carried) body.Resolve(blob);
        Build(context, body, p.BodyNetwork, "bodyNetwork");
        foreach (var blob in carried) body.Builder.AddOutput(body.Blobs[blob]);

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
        }

        var imports = body.Imports.Concat(test?.Imports ?? []).DistinctBy(i => i.Blob).ToList();
        if (imports.Any(i => i.Input != i.Blob)) throw context.Unsupported("a nested network whose blob names clash with its internal values is not executed yet.");
        var op = new LoopOp(condition, conditionValue, body.Builder.Build(), imports.Select(i => i.Blob).ToList(), carried, checked((long)p.MaxLoopIterations));
        var outputs = carried.Select(b => outer.FreshValue(b)).ToArray();
        outer.Add(context.Layer.Name, op, imports.Select(i => i.Outer).ToArray(), outputs, problem => context.Error("loop", problem));
        for (var k = 0; k < carried.Count; k++) outer.Blobs[carried[k]] = outputs[k];
        return [];
    }

    /// <summary>Builds a nested network's layers; any layer it cannot build makes the whole control-flow layer unsupported.</summary>
    private static void Build(NeuralNetworkLayerContext context, NeuralNetworkGraphState nested, Format.NeuralNetwork network, string field)
    {
        var unsupported = new List<UnsupportedLayer>();
        var blocked = new HashSet<string>();
        foreach (var layer in network.Layers) CoreMLGraphReader.BuildLayer(nested, layer, unsupported, blocked);
        if (unsupported.Count > 0) throw context.Unsupported($"its {field} layer {unsupported[0]}");
    }
}
