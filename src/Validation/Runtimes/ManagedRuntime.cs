using Parity.Engine.Tensors;
using Parity.Spec;
using Parity.Validation.Running;

namespace Parity.Validation.Runtimes;

/// <summary>The `managed` runtime: Parity's own engine through <see cref="ModelRun"/>; runs everywhere.</summary>
public sealed class ManagedRuntime : IModelRuntime
{
    public string Name => "managed";

    public IRuntimeSession Open(string modelFile, ExecutableModel? model = null) => new Session(model ?? ModelFiles.Load(modelFile));

    private sealed class Session(ExecutableModel model) : IRuntimeSession
    {
        public string RuntimeName => "managed";

        public RuntimeOutputs Predict(IReadOnlyDictionary<string, Tensor> inputs)
        {
            using var run = ModelRun.Execute(model, inputs);
            // The run owns its tensors and frees them on dispose; the caller of Predict owns copies.
            var outputs = run.Outputs.ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
            var problems = model.Unsupported.Select(u => $"unsupported layer {u}")
                .Concat(run.Failures.Select(f => f.ToString()))
                .Concat(run.MissingOutputs.Select(o => $"output '{o}' was not computed")).ToList();
            return new RuntimeOutputs(outputs, problems);
        }

        public void Dispose()
        {
        }
    }
}
