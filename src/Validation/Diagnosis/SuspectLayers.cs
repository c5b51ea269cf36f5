using Parity.Spec.CoreML.Format;
using Parity.Validation.Comparison;

namespace Parity.Validation.Diagnosis;

/// <summary>
/// The converted layers that may have made the diverging value's error: the layer writing its blob and every layer
/// between it and the nearest agreeing matched values, walking the specification's blobs backwards. Model inputs reached
/// that way are suspects too (their preprocessing).
/// </summary>
public sealed record SuspectLayers(IReadOnlyList<NeuralNetworkLayer> Layers, IReadOnlyList<string> Inputs)
{
    // Bounds the walk on very deep graphs: the cause of a divergence sits close to it.
    private const int MaxLayers = 32;

    public static SuspectLayers Find(Model spec, ComparisonReport report, string divergingBlob)
    {
        var layers = ConvertedSpec.Layers(spec)!;
        var producer = new Dictionary<string, NeuralNetworkLayer>();
        foreach (var layer in layers)
        {
            foreach (var output in layer.Output) producer[output] = layer;
        }
        var inputs = spec.Description?.Input.Select(i => i.Name).ToHashSet() ?? [];
        var agreeing = report.Pairs.Where(p => p.Verdict == PairVerdict.Agrees).Select(p => p.B).ToHashSet();
        var found = new List<NeuralNetworkLayer>();
        var reached = new List<string>();
        var visited = new HashSet<string>();
        var pending = new Stack<string>([divergingBlob]);
        while (pending.TryPop(out var blob) && found.Count < MaxLayers)
        {
            if (!visited.Add(blob)) continue;
            if (inputs.Contains(blob))
            {
                reached.Add(blob);
                continue;
            }
            if (blob != divergingBlob && agreeing.Contains(blob)) continue;
            if (!producer.TryGetValue(blob, out var layer) || found.Contains(layer)) continue;
            found.Add(layer);
            foreach (var input in layer.Input) pending.Push(input);
        }
        return new SuspectLayers(found, reached);
    }
}
