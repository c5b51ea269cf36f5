using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;

namespace Parity.Spec.CoreML.Edits;

/// <summary>
/// A Core ML NeuralNetwork model held to try edits on: each <see cref="Read"/> edits a clone of the specification and
/// runs it through the ordinary NeuralNetwork reader, in memory. Also answers which layers stand between a value and the
/// values known to be right.
/// </summary>
public sealed class EditableCoreMLModel
{
    private readonly CoreMLModelFile _file;
    private readonly Model _model;
    private readonly IReadOnlyList<NeuralNetworkLayer> _layers;

    private EditableCoreMLModel(CoreMLModelFile file, IReadOnlyList<NeuralNetworkLayer> layers)
    {
        _file = file;
        _model = file.Model;
        _layers = layers;
    }

    /// <summary>The model at <paramref name="path"/> when it is a Core ML NeuralNetwork model (plain, classifier or regressor); null for anything else.</summary>
    public static EditableCoreMLModel? TryLoad(string path)
    {
        if (ModelFiles.FormatOf(path) != ModelFormat.CoreML) return null;
        var file = CoreMLModelFile.Load(path);
        return CoreMLMessages.Layers(file.Model) is { } layers ? new EditableCoreMLModel(file, layers) : null;
    }

    /// <summary>
    /// The layers that may have made <paramref name="blob"/>'s error: the layer writing it and every layer between it and
    /// the nearest blobs in <paramref name="rightBlobs"/>, walking the blobs backwards (at most <see cref="MaxSuspects"/>
    /// layers: a cause sits close to its effect); model inputs reached that way are listed too (their preprocessing).
    /// </summary>
    public (IReadOnlyList<string> Layers, IReadOnlyList<string> Inputs) LayersBehind(string blob, IReadOnlySet<string> rightBlobs)
    {
        var producer = new Dictionary<string, NeuralNetworkLayer>();
        foreach (var layer in _layers)
        {
            foreach (var output in layer.Output) producer[output] = layer;
        }
        var inputs = _model.Description?.Input.Select(i => i.Name).ToHashSet() ?? [];
        var found = new List<NeuralNetworkLayer>();
        var reached = new List<string>();
        var visited = new HashSet<string>();
        var pending = new Stack<string>([blob]);
        while (pending.TryPop(out var next) && found.Count < MaxSuspects)
        {
            if (!visited.Add(next)) continue;
            if (inputs.Contains(next))
            {
                reached.Add(next);
                continue;
            }
            if (next != blob && rightBlobs.Contains(next)) continue;
            if (!producer.TryGetValue(next, out var layer) || found.Contains(layer)) continue;
            found.Add(layer);
            foreach (var input in layer.Input) pending.Push(input);
        }
        return (found.Select(l => l.Name).ToList(), reached);
    }

    /// <summary>The most layers <see cref="LayersBehind"/> lists; bounds the walk on very deep graphs.</summary>
    public const int MaxSuspects = 32;

    /// <summary>The edits that apply to layer <paramref name="layerName"/> by its type (none for an unknown name).</summary>
    /// <param name="rankOfBlob">The rank of a blob as the model computes it, when known (softmax axes depend on it).</param>
    public IEnumerable<CoreMLEdit> EditsOf(string layerName, Func<string, int?> rankOfBlob)
    {
        var layer = _layers.FirstOrDefault(l => l.Name == layerName);
        if (layer is null) return [];
        return CoreMLLayerEdits.For(layer, layer.Output.Count > 0 ? rankOfBlob(layer.Output[0]) : null);
    }

    /// <summary>The model with <paramref name="edit"/> made, read as the NeuralNetwork reader reads any file.</summary>
    public ExecutableModel Read(CoreMLEdit edit)
    {
        var clone = _model.Clone();
        edit.Apply(clone);
        return CoreMLGraphReader.Read(_file.WithModel(clone)).ToExecutable();
    }
}
