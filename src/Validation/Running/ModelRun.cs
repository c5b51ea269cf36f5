using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec;

namespace Parity.Validation.Running;

/// <summary>
/// One execution of a model on given inputs: its outputs and, when asked, every layer's output by the name users
/// know it by. Runs as far as the graph allows: failed nodes are listed rather than ending the run. Owns its tensors.
/// </summary>
public sealed class ModelRun : IDisposable
{
    private readonly RunResult _result;
    private readonly RecordingObserver? _recorder;

    private ModelRun(ExecutableModel model, RunResult result, RecordingObserver? recorder)
    {
        Model = model;
        _result = result;
        _recorder = recorder;
    }

    public ExecutableModel Model { get; }

    /// <summary>Model outputs that were computed, by graph output name.</summary>
    public IReadOnlyDictionary<string, Tensor> Outputs => _result.Outputs;

    /// <summary>Layer outputs (empty unless recorded), in graph order, by layer name.</summary>
    public IReadOnlyList<(NamedValue Layer, Tensor Value)> Layers =>
        _recorder is null
            ? []
            : Model.Layers.Where(l => _recorder.Values.ContainsKey(l.Value)).Select(l => (l, _recorder.Values[l.Value])).ToList();

    /// <summary>Nodes that threw, and nodes skipped because of them.</summary>
    public IReadOnlyList<NodeFailure> Failures => _result.Failures;

    public IReadOnlyList<string> MissingOutputs => _result.MissingOutputs;

    /// <summary>True when every layer was built and every node ran.</summary>
    public bool Complete => _result.Completed && Model.Unsupported.Count == 0;

    /// <summary>
    /// Runs <paramref name="model"/> on <paramref name="inputs"/> (graph input name -> tensor; the caller keeps them) in
    /// <paramref name="precision"/>, by default the model's own <see cref="ExecutableModel.Precision"/>.
    /// </summary>
    public static ModelRun Execute(ExecutableModel model, IReadOnlyDictionary<string, Tensor> inputs, bool recordLayers = false,
        Precision? precision = null)
    {
        var recorder = recordLayers ? new RecordingObserver() : null;
        var plan = model.Graph.Compile(inputs.ToDictionary(kv => kv.Key, kv => kv.Value.Type), continueOnError: true);
        var result = plan.Run(inputs, new ExecutionOptions { Observer = recorder, ContinueOnError = true, Precision = precision ?? model.Precision });
        return new ModelRun(model, result, recorder);
    }

    public void Dispose()
    {
        _result.Dispose();
        _recorder?.Dispose();
    }
}
