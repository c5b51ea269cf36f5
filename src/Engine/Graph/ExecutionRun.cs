using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Graph;

/// <summary>
/// The state of one run of a plan: live values, which of them this run owns, and what failed. Values live
/// in the memory plan's slots when there is no observer, otherwise in their own buffers until the run ends.
/// </summary>
internal sealed class ExecutionRun(ExecutionPlan plan, ExecutionOptions options, SlotArena? arena)
{
    private readonly Dictionary<string, Tensor> _values = [];
    private readonly HashSet<string> _owned = [];
    private readonly Dictionary<string, List<string>> _failedAncestors = [];
    private readonly Dictionary<string, Tensor> _results = [];
    private readonly List<NodeFailure> _failures = [];
    private readonly List<SkippedNode> _skipped = [];
    private readonly HashSet<string> _graphOutputs = plan.Graph.Outputs.ToHashSet();
    private readonly IReadOnlyList<string> _requested = options.Outputs ?? plan.Graph.Outputs;
    private readonly HashSet<string> _requestedSet = (options.Outputs ?? plan.Graph.Outputs).ToHashSet();

    public RunResult Run(IReadOnlyDictionary<string, Tensor> inputs)
    {
        CheckRequested();
        var succeeded = false;
        try
        {
            BindInputs(inputs);
            var nodes = plan.Graph.Nodes;
            for (var i = 0; i < nodes.Count; i++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                RunNode(nodes[i], i, nodes.Count);
                if (arena is not null)
                {
                    foreach (var value in plan.Memory.ReleaseAfter(i)) Release(value);
                }
            }
            succeeded = true;
            var missing = _requested.Where(n => !_results.ContainsKey(n)).ToArray();
            return new RunResult(_requested.Where(_results.ContainsKey).ToDictionary(n => n, n => _results[n]), _failures, _skipped, missing);
        }
        finally
        {
            foreach (var name in _owned) _values[name].Dispose();
            foreach (var (name, t) in _results)
            {
                if (!succeeded || !_requestedSet.Contains(name)) t.Dispose();
            }
        }
    }

    private void CheckRequested()
    {
        if (_requestedSet.Count != _requested.Count)
        {
            throw new ArgumentException($"Requested outputs list a value twice: {string.Join(", ", _requested)}.", nameof(options));
        }
        foreach (var name in _requested)
        {
            if (!plan.Graph.ContainsValue(name))
            {
                throw new ArgumentException($"Requested output '{name}' is not a value of the graph.", nameof(options));
            }
        }
    }

    private void BindInputs(IReadOnlyDictionary<string, Tensor> inputs)
    {
        foreach (var name in inputs.Keys)
        {
            if (plan.Graph.Inputs.All(i => i.Name != name))
            {
                throw new ArgumentException(
                    $"'{name}' is not a graph input; the inputs are {string.Join(", ", plan.Graph.Inputs.Select(i => i.Name))}.", nameof(inputs));
            }
        }
        foreach (var input in plan.Graph.Inputs)
        {
            if (!inputs.TryGetValue(input.Name, out var tensor))
            {
                throw new ArgumentException($"Graph input '{input.Name}' ({plan.TypeOf(input.Name)}) was not given.", nameof(inputs));
            }
            var expected = plan.TypeOf(input.Name);
            if (tensor.Type != expected)
            {
                throw new ArgumentException(
                    $"Graph input '{input.Name}' is {tensor.Type}, but the plan was compiled for {expected}; compile with this input type to run it.",
                    nameof(inputs));
            }
            if (RoundsToHalf(input.Name, tensor))
            {
                tensor = tensor.Clone();
                _owned.Add(input.Name);
                Float16Rounding.RoundInPlace(tensor.Floats);
            }
            _values[input.Name] = tensor;
            if (_requestedSet.Contains(input.Name)) _results[input.Name] = tensor.Clone();
            options.Observer?.OnGraphInput(input.Name, tensor);
        }
    }

    private void RunNode(Node node, int index, int count)
    {
        var missing = node.Inputs.Where(v => !_values.ContainsKey(v)).Distinct().ToArray();
        if (missing.Length > 0)
        {
            var ancestors = missing.SelectMany(v => _failedAncestors[v]).Distinct().ToList();
            _skipped.Add(new SkippedNode(node, missing, ancestors));
            foreach (var value in node.Outputs) _failedAncestors[value] = ancestors;
            return;
        }

        var inputs = node.Inputs.Select(v => _values[v]).ToArray();
        if (plan.InferenceFailureOf(node) is { } inferenceError)
        {
            Fail(node, inputs, inferenceError);
            return;
        }
        var outputs = new Tensor?[node.Outputs.Count];
        options.Observer?.OnNodeStarting(node, index, count);
        try
        {
            for (var k = 0; k < outputs.Length; k++) outputs[k] = Allocate(node.Outputs[k]);
            var outer = NestedRuns.Enter(options.Precision);
            try
            {
                node.Op.Execute(inputs, outputs!);
            }
            finally
            {
                NestedRuns.Restore(outer);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            foreach (var t in outputs) t?.Dispose();
            Fail(node, inputs, e);
            return;
        }

        // Every output is registered before anyone else sees one, so an observer that throws leaks nothing.
        for (var k = 0; k < outputs.Length; k++)
        {
            var name = node.Outputs[k];
            var value = outputs[k]!;
            if (RoundsToHalf(name, value))
            {
                Float16Rounding.RoundInPlace(value.Floats);
            }
            _values[name] = value;
            if (_graphOutputs.Contains(name)) _results[name] = value;
            else _owned.Add(name);
        }
        for (var k = 0; k < outputs.Length; k++)
        {
            var name = node.Outputs[k];
            options.Observer?.OnValue(node, name, outputs[k]!);
            if (!_graphOutputs.Contains(name) && _requestedSet.Contains(name)) _results[name] = outputs[k]!.Clone();
        }
        options.Observer?.OnNodeFinished(node, index, count);
    }

    /// <summary>A Float16 run stores each float value as half, except those the graph keeps in float32.</summary>
    private bool RoundsToHalf(string name, Tensor value) =>
        options.Precision == Precision.Float16 && value.DType == DType.Float32 && !plan.Graph.Float32Values.Contains(name);

    /// <summary>Stops the run, or with ContinueOnError records the failure so the nodes depending on it are skipped.</summary>
    private void Fail(Node node, Tensor[] inputs, Exception error)
    {
        if (!options.ContinueOnError)
        {
            throw new NodeFailedException(node,
                $"Node '{node.Name}' ({node.Op.Kind}) failed on inputs {ExecutionPlan.DescribeInputs(node, inputs.Select(t => t.Type).ToArray())}: {error.Message}", error);
        }
        _failures.Add(new NodeFailure(node, error));
        foreach (var value in node.Outputs) _failedAncestors[value] = [node.Name];
        options.Observer?.OnNodeFailed(node, error);
    }

    /// <summary>Graph outputs get buffers of their own, handed to the caller; intermediates use the plan's slot when there is one.</summary>
    private Tensor Allocate(string value)
    {
        var type = plan.TypeOf(value);
        var slot = plan.Memory.SlotOf(value);
        return arena is not null && slot >= 0 ? arena.Allocate(slot, type) : Tensor.Uninitialized(type.DType, type.Shape);
    }

    /// <summary>Forgets a value after its last reader; disposing it returns its slot for the next value placed there.</summary>
    private void Release(string value)
    {
        if (_values.Remove(value, out var tensor) && _owned.Remove(value)) tensor.Dispose();
    }
}
