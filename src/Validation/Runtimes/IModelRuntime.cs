using Parity.Spec;

namespace Parity.Validation.Runtimes;

/// <summary>
/// Something that executes a model file: the managed engine (everywhere) or the real Core ML framework (macOS).
/// <see cref="Open"/> does the expensive part once (reading, compiling, loading); the session then predicts many inputs.
/// </summary>
public interface IModelRuntime
{
    /// <summary>The name users pass to `--runtime` and reports show, e.g. "managed" or "coreml:cpu".</summary>
    string Name { get; }

    /// <summary>
    /// Prepares <paramref name="modelFile"/> for prediction. <paramref name="model"/> is the file already read by the
    /// managed readers, when the caller has it (the managed runtime then does not read the file again).
    /// </summary>
    IRuntimeSession Open(string modelFile, ExecutableModel? model = null);
}

/// <summary>A model ready to predict; disposing it releases what the runtime holds (native handles, compiled model).</summary>
public interface IRuntimeSession : IDisposable
{
    /// <summary>The runtime that opened this session.</summary>
    string RuntimeName { get; }

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> (input name -> tensor; the caller keeps them) and returns its outputs,
    /// which the caller owns. Image inputs are raw pixel tensors [1, C, H, W] in the image's declared channel order.
    /// </summary>
    RuntimeOutputs Predict(IReadOnlyDictionary<string, Parity.Engine.Tensors.Tensor> inputs);
}
