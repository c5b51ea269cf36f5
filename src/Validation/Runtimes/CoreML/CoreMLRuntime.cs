using Parity.Spec;
using Parity.Spec.CoreML.Features;

namespace Parity.Validation.Runtimes.CoreML;

/// <summary>
/// The `coreml` runtime: the real Core ML framework on macOS 12 or later, reached through the Objective-C runtime
/// (<see cref="ObjectiveC"/>) from the same `parity` binary that runs everywhere; no Apple workload, no #if.
/// <para>
/// Threading: every call pushes its own autorelease pool on the calling thread and pops it before returning, so
/// sessions may be opened and used off the main thread (Core ML does not need a run loop for prediction); one
/// session serializes its predictions with a lock.
/// </para>
/// <para>
/// Memory ownership: objects Parity creates with alloc/init (MLModelConfiguration, MLMultiArray,
/// MLDictionaryFeatureProvider) and CVPixelBuffers are released by Parity in the same call; everything else Core ML
/// returns is autoreleased and dies when the call's pool pops, after outputs were copied into engine tensors.
/// The one object kept across calls is the MLModel, retained at open and released by <see cref="IDisposable.Dispose"/>.
/// Input multi-arrays wrap native buffers Parity allocates (no deallocator block), freed only after the pool pops,
/// i.e. after prediction returned and Core ML dropped its references.
/// </para>
/// <para>
/// Verified where: layouts, strides, dtypes, pixel rows, compile-cache keys, feature declarations and the probe rewrite
/// are pure code tested on every OS; the native calls themselves (signatures, ownership) only run on a Mac, in the
/// tests marked for macOS, which skip elsewhere. Off macOS 12+, <see cref="Open"/> throws
/// <see cref="RuntimeUnavailableException"/> before any native library is touched.
/// </para>
/// </summary>
public sealed class CoreMLRuntime(ComputeUnits units, CompileCache? cache = null) : IModelRuntime
{
    public ComputeUnits Units { get; } = units;

    public string Name => $"coreml:{ComputeUnitNames.Of(Units)}";

    /// <summary>
    /// Compiles <paramref name="modelFile"/> (.mlmodel or .mlpackage; cached by content hash) and loads it for
    /// <see cref="Units"/>. <paramref name="model"/> is not used: Core ML reads the file itself.
    /// </summary>
    public IRuntimeSession Open(string modelFile, ExecutableModel? model = null)
    {
        CoreMLAvailability.EnsureAvailable();
        var (inputs, outputs) = CoreMLFeature.ReadFile(modelFile);
        return CoreMLSession.Open(ObjectiveC.Shared, modelFile, inputs, outputs, Units, cache ?? CompileCache.Default, Name);
    }
}
