using Parity.Engine.Graph;
using Parity.Engine.Ops.ControlFlow;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>
/// Builds a nested network (a loop body, a branch) as a <see cref="ControlBlock"/>: runs of ordinary layers become
/// <see cref="GraphStep"/>s, and inside a loop body loopBreak / loopContinue and branches holding them become
/// <see cref="SignalStep"/>s and <see cref="BranchStep"/>s, so the layers after them run only when they do not fire.
/// <para>
/// Blobs are keyed by their Core ML names throughout: <c>scope</c> is the namespace the block sees (its parent chain
/// ends at the graph around the control-flow layer, whose blobs become the op's inputs through the scope's imports).
/// </para>
/// </summary>
internal sealed class NeuralNetworkControlBlocks
{
    private readonly NeuralNetworkLayerContext _context;
    private readonly NeuralNetworkGraphState _scope;
    private readonly string _field;
    private readonly bool _inLoop;
    private readonly List<ControlStep> _steps = [];
    private readonly List<string> _written = [];
    private NeuralNetworkGraphState? _segment;

    private NeuralNetworkControlBlocks(NeuralNetworkLayerContext context, NeuralNetworkGraphState scope, string field, bool inLoop) =>
        (_context, _scope, _field, _inLoop) = (context, scope, field, inLoop);

    /// <summary>The block of <paramref name="network"/> (null: an empty block) and the blobs visible after it that it wrote.</summary>
    public static (ControlBlock Block, IReadOnlyList<string> Written) Build(NeuralNetworkLayerContext context, NeuralNetworkGraphState scope,
        Format.NeuralNetwork? network, string field, bool inLoop)
    {
        var builder = new NeuralNetworkControlBlocks(context, scope, field, inLoop);
        foreach (var layer in network?.Layers ?? []) builder.Add(layer);
        builder.CloseSegment();
        return (new ControlBlock(builder._steps), builder._written);
    }

    /// <summary>Every blob the layers of <paramref name="network"/> write, nested branches and loops included.</summary>
    public static IEnumerable<string> WrittenBlobs(Format.NeuralNetwork? network) => network is null ? [] : network.Layers.SelectMany(WrittenBy).Distinct();

    /// <summary>The blobs <paramref name="layer"/> writes: its outputs and, for a branch or loop, every blob its bodies write.</summary>
    public static IEnumerable<string> WrittenBy(NeuralNetworkLayer layer) => layer.Output.Concat(layer.LayerCase switch
    {
        NeuralNetworkLayer.LayerOneofCase.Branch => WrittenBlobs(layer.Branch.IfBranch).Concat(WrittenBlobs(layer.Branch.ElseBranch)),
        NeuralNetworkLayer.LayerOneofCase.Loop => WrittenBlobs(layer.Loop.ConditionNetwork).Concat(WrittenBlobs(layer.Loop.BodyNetwork)),
        _ => [],
    });

    /// <summary>True when <paramref name="network"/> holds a loopBreak or loopContinue that belongs to an enclosing loop.</summary>
    public static bool Signals(Format.NeuralNetwork? network) => network is not null && network.Layers.Any(l => l.LayerCase switch
    {
        NeuralNetworkLayer.LayerOneofCase.LoopBreak or NeuralNetworkLayer.LayerOneofCase.LoopContinue => true,
        NeuralNetworkLayer.LayerOneofCase.Branch => Signals(l.Branch.IfBranch) || Signals(l.Branch.ElseBranch),
        _ => false,
    });

    private void Add(NeuralNetworkLayer layer)
    {
        switch (layer.LayerCase)
        {
            case NeuralNetworkLayer.LayerOneofCase.LoopBreak or NeuralNetworkLayer.LayerOneofCase.LoopContinue when _inLoop:
                CloseSegment();
                _steps.Add(new SignalStep(layer.LayerCase == NeuralNetworkLayer.LayerOneofCase.LoopBreak ? LoopSignal.Break : LoopSignal.Continue));
                break;
            case NeuralNetworkLayer.LayerOneofCase.Branch when _inLoop && (Signals(layer.Branch.IfBranch) || Signals(layer.Branch.ElseBranch)):
                CloseSegment();
                AddBranch(layer);
                break;
            default:
                _segment ??= new NeuralNetworkGraphState(_scope.Path, _scope);
                var unsupported = new List<UnsupportedLayer>();
                CoreMLGraphReader.BuildLayer(_segment, layer, unsupported, []);
                if (unsupported.Count > 0) throw _context.Unsupported($"its {_field} layer {unsupported[0]}");
                break;
        }
    }

    /// <summary>A branch whose bodies break or continue the loop: a <see cref="BranchStep"/> between graph steps.</summary>
    private void AddBranch(NeuralNetworkLayer layer)
    {
        if (layer.Input.Count != 1) throw _context.Error($"{_field} layer '{layer.Name}' (branch): input", $"lists {layer.Input.Count} blobs; a branch takes exactly 1 (its condition).");
        var condition = layer.Input[0];
        if (_scope.Resolve(condition) is null) throw _context.Error($"{_field} layer '{layer.Name}' (branch): input", $"reads blob '{condition}', which no earlier layer produces.");
        if (layer.Branch.IfBranch is null) throw _context.Error($"{_field} layer '{layer.Name}' (branch): ifBranch", "is missing.");
        var (ifBlock, elseBlock, visible) = Branches(_context, _scope, layer, inLoop: true);
        _steps.Add(new BranchStep(condition, ifBlock, elseBlock));
        foreach (var (blob, type) in visible) Define(blob, type);
    }

    /// <summary>
    /// Both bodies of a branch layer built against <paramref name="scope"/>, and the blobs visible after the branch with their
    /// types: those both bodies write, and those one body writes that existed before (the other path keeps them).
    /// </summary>
    public static (ControlBlock If, ControlBlock Else, IReadOnlyList<(string Blob, Engine.Tensors.TensorType Type)> Visible) Branches(
        NeuralNetworkLayerContext context, NeuralNetworkGraphState scope, NeuralNetworkLayer layer, bool inLoop)
    {
        var existing = WrittenBlobs(layer.Branch.IfBranch).Concat(WrittenBlobs(layer.Branch.ElseBranch)).Distinct().Where(b => scope.Resolve(b) is not null).ToHashSet();
        var ifScope = new NeuralNetworkGraphState(scope.Path, scope);
        var (ifBlock, ifWritten) = Build(context, ifScope, layer.Branch.IfBranch, "ifBranch", inLoop);
        var elseScope = new NeuralNetworkGraphState(scope.Path, scope);
        var (elseBlock, elseWritten) = Build(context, elseScope, layer.Branch.ElseBranch, "elseBranch", inLoop);
        var visible = new List<(string, Engine.Tensors.TensorType)>();
        foreach (var blob in ifWritten.Union(elseWritten))
        {
            if (!existing.Contains(blob) && !(ifWritten.Contains(blob) && elseWritten.Contains(blob))) continue;
            var ifType = ifScope.Types[ifScope.Resolve(blob)!];
            var elseType = elseScope.Types[elseScope.Resolve(blob)!];
            if (ifType != elseType)
            {
                throw context.Unsupported($"blob '{blob}' leaves the ifBranch as {ifType} and the elseBranch as {elseType}; a branch chosen at run time must give each blob one type.");
            }
            visible.Add((blob, ifType));
        }
        return (ifBlock, elseBlock, visible);
    }

    /// <summary>Ends the current run of ordinary layers as one graph step writing every blob it changed.</summary>
    private void CloseSegment()
    {
        if (_segment is not { } segment) return;
        _segment = null;
        var imported = segment.Imports.ToDictionary(i => i.Input, i => i.Blob);
        var writes = segment.Blobs.Where(b => !(imported.TryGetValue(b.Value, out var blob) && blob == b.Key)).Select(b => (Value: b.Value, Blob: b.Key)).ToList();
        if (writes.Count == 0) return;
        foreach (var value in writes.Select(w => w.Value).Distinct()) segment.Builder.AddOutput(value);
        Graph graph;
        try
        {
            graph = segment.Builder.Build();
        }
        catch (GraphException e)
        {
            throw _context.Error(_field, e.Message);
        }
        _steps.Add(new GraphStep(graph, graph.Inputs.Select(i => imported[i.Name]).ToList(), writes));
        foreach (var (value, blob) in writes) Define(blob, segment.Types[value]);
    }

    /// <summary>Makes <paramref name="blob"/> visible to the rest of the block with <paramref name="type"/>.</summary>
    private void Define(string blob, Engine.Tensors.TensorType type)
    {
        var value = _scope.FreshValue(blob);
        _scope.AddInput(value, type);
        _scope.Blobs[blob] = value;
        if (!_written.Contains(blob)) _written.Add(blob);
    }
}
