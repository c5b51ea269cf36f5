using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec;

namespace Parity.Validation.Runtimes;

/// <summary>
/// Wraps a runtime session as an <see cref="ExecutableModel"/> with the managed model's inputs and outputs (plus probed
/// values), whose single node is a <see cref="DevicePrediction"/>: comparing it with the source or the managed model is
/// then an ordinary <see cref="Comparison.ModelComparison"/>.
/// </summary>
public static class DeviceModel
{
    /// <summary>
    /// The device stand-in for <paramref name="managed"/>. Device features are named as the model file declares them:
    /// the managed model's layer name for each output value. <paramref name="probes"/> are layer names of
    /// <paramref name="managed"/> that the session also returns as outputs.
    /// </summary>
    public static ExecutableModel Create(ExecutableModel managed, IRuntimeSession session, IReadOnlyList<string> probes)
    {
        var plan = managed.Graph.Compile(continueOnError: true);
        var values = new List<NamedValue>();
        foreach (var output in managed.Graph.Outputs)
        {
            values.Add(new NamedValue(managed.Layers.FirstOrDefault(l => l.Value == output)?.Name ?? output, "output", output));
        }
        foreach (var probe in probes)
        {
            var layer = managed.Layers.FirstOrDefault(l => l.Name == probe)
                ?? throw new ArgumentException($"--probe {probe}: the managed model has no layer of that name, so the device value would have nothing to be compared with.");
            if (values.All(v => v.Value != layer.Value)) values.Add(new NamedValue(probe, "probe", layer.Value));
        }
        var missing = values.Where(v => !plan.ValueTypes.ContainsKey(v.Value)).Select(v => v.Name).ToList();
        values.RemoveAll(v => missing.Contains(v.Name));
        var builder = new GraphBuilder();
        foreach (var input in managed.Graph.Inputs) builder.AddInput(input.Name, input.Type);
        var op = new DevicePrediction(session, managed.Graph.Inputs.Select(i => i.Name).ToList(), values.Select(v => v.Name).ToList(),
            values.Select(v => plan.ValueTypes[v.Value]).ToList());
        builder.AddNode(session.RuntimeName, op, managed.Graph.Inputs.Select(i => i.Name).ToList(), values.Select(v => v.Value).ToList());
        foreach (var v in values) builder.AddOutput(v.Value);
        return new ExecutableModel(session.RuntimeName, $"{session.RuntimeName} runtime", builder.Build(), values, [],
            missing.Select(m => $"{m} (the managed model could not infer its type)").ToList())
        {
            ImageInputs = managed.ImageInputs,
            Precision = Precision.Float32,
        };
    }
}
