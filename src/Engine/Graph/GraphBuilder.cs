using Parity.Engine.Tensors;

namespace Parity.Engine.Graph;

/// <summary>
/// Collects inputs, nodes (in any order) and outputs, then <see cref="Build"/> checks names and wiring and
/// orders the nodes so every value is produced before it is read.
/// </summary>
public sealed class GraphBuilder
{
    private readonly List<GraphInput> _inputs = [];
    private readonly List<Node> _nodes = [];
    private readonly List<string> _outputs = [];
    private readonly HashSet<string> _float32Values = [];

    public GraphBuilder AddInput(string name, TensorType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _inputs.Add(new GraphInput(name, type));
        return this;
    }

    public GraphBuilder AddNode(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _nodes.Add(node);
        return this;
    }

    public GraphBuilder AddNode(string name, IOperator op, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs) =>
        AddNode(new Node(name, op, inputs, outputs));

    /// <summary>Adds a node with one input and one output.</summary>
    public GraphBuilder AddNode(string name, IOperator op, string input, string output) =>
        AddNode(new Node(name, op, [input], [output]));

    /// <summary>Marks a value as a graph output; outputs are returned in the order they were added.</summary>
    public GraphBuilder AddOutput(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _outputs.Add(name);
        return this;
    }

    /// <summary>Marks a value (graph input or node output) as computed in float32 even in a Float16 run: see <see cref="Graph.Float32Values"/>.</summary>
    public GraphBuilder KeepFloat32(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _float32Values.Add(name);
        return this;
    }

    /// <summary>Validates the graph and returns it with its nodes in topological order; throws <see cref="GraphException"/>.</summary>
    public Graph Build()
    {
        var producers = CollectProducers();
        CheckInputsExist(producers);
        var ordered = TopologicalOrder(producers);
        var outputs = new HashSet<string>();
        foreach (var output in _outputs)
        {
            if (!producers.ContainsKey(output))
            {
                throw new GraphException($"Graph output '{output}' is neither a graph input nor produced by any node.", valueName: output);
            }
            if (!outputs.Add(output))
            {
                throw new GraphException($"Graph output '{output}' is listed twice.", valueName: output);
            }
        }
        foreach (var value in _float32Values)
        {
            if (!producers.ContainsKey(value))
            {
                throw new GraphException($"Value '{value}' is marked to stay float32, but it is neither a graph input nor produced by any node.", valueName: value);
            }
        }
        return new Graph(_inputs.ToArray(), ordered, _outputs.ToArray(), _float32Values.ToHashSet());
    }

    /// <summary>Maps each value name to the node producing it (null for graph inputs), rejecting duplicates.</summary>
    private Dictionary<string, Node?> CollectProducers()
    {
        var producers = new Dictionary<string, Node?>();
        foreach (var input in _inputs)
        {
            if (!producers.TryAdd(input.Name, null))
            {
                throw new GraphException($"Graph input '{input.Name}' is declared twice.", valueName: input.Name);
            }
        }
        var nodeNames = new HashSet<string>();
        foreach (var node in _nodes)
        {
            if (!nodeNames.Add(node.Name))
            {
                throw new GraphException($"Two nodes are named '{node.Name}'; node names must be unique.", node.Name, node.Op.Kind);
            }
            if (node.Outputs.Count == 0)
            {
                throw new GraphException($"{Describe(node)} has no outputs; every node must produce at least one value.", node.Name, node.Op.Kind);
            }
            foreach (var value in node.Outputs)
            {
                if (producers.TryGetValue(value, out var earlier))
                {
                    var first = earlier is null ? "it is a graph input" : $"{Describe(earlier)} already produces it";
                    throw new GraphException($"{Describe(node)} produces value '{value}', but {first}; value names must be unique.", node.Name, node.Op.Kind, value);
                }
                producers.Add(value, node);
            }
        }
        return producers;
    }

    private void CheckInputsExist(Dictionary<string, Node?> producers)
    {
        foreach (var node in _nodes)
        {
            foreach (var value in node.Inputs)
            {
                if (!producers.ContainsKey(value))
                {
                    throw new GraphException($"{Describe(node)} reads value '{value}', which is neither a graph input nor produced by any node.", node.Name, node.Op.Kind, value);
                }
            }
        }
    }

    /// <summary>Kahn's algorithm, always taking the earliest-added ready node so an already ordered graph keeps its order.</summary>
    private Node[] TopologicalOrder(Dictionary<string, Node?> producers)
    {
        var index = new Dictionary<Node, int>();
        for (var i = 0; i < _nodes.Count; i++) index[_nodes[i]] = i;

        var waitingOn = new int[_nodes.Count];
        var consumers = new List<int>[_nodes.Count];
        for (var i = 0; i < _nodes.Count; i++) consumers[i] = [];
        for (var i = 0; i < _nodes.Count; i++)
        {
            foreach (var producer in _nodes[i].Inputs.Select(v => producers[v]).OfType<Node>().Distinct())
            {
                waitingOn[i]++;
                consumers[index[producer]].Add(i);
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < _nodes.Count; i++)
        {
            if (waitingOn[i] == 0) ready.Enqueue(i, i);
        }
        var ordered = new List<Node>(_nodes.Count);
        while (ready.TryDequeue(out var i, out _))
        {
            ordered.Add(_nodes[i]);
            foreach (var consumer in consumers[i])
            {
                if (--waitingOn[consumer] == 0) ready.Enqueue(consumer, consumer);
            }
        }
        if (ordered.Count < _nodes.Count)
        {
            throw CycleError(producers, _nodes.Where((_, i) => waitingOn[i] > 0).ToHashSet());
        }
        return ordered.ToArray();
    }

    /// <summary>Walks input edges among the blocked nodes until a node repeats, which names one concrete cycle.</summary>
    private static GraphException CycleError(Dictionary<string, Node?> producers, HashSet<Node> blocked)
    {
        var path = new List<(Node Node, string Value)>();
        var seen = new Dictionary<Node, int>();
        var current = blocked.First();
        while (!seen.ContainsKey(current))
        {
            seen[current] = path.Count;
            // A blocked node always has an input whose producer is blocked too, else it would have run.
            var value = current.Inputs.First(v => producers[v] is { } p && blocked.Contains(p));
            path.Add((current, value));
            current = producers[value]!;
        }
        var cycle = path.Skip(seen[current]).Reverse().ToList();
        var first = cycle[0];
        var flow = $"'{producers[first.Value]!.Name}'" + string.Concat(cycle.Select(step => $" --{step.Value}--> '{step.Node.Name}'"));
        return new GraphException(
            $"The graph has a cycle: {flow} (nodes {string.Join(", ", cycle.Select(s => $"'{s.Node.Name}'"))}); a value cannot depend on itself.",
            first.Node.Name, first.Node.Op.Kind, first.Value);
    }

    private static string Describe(Node node) => $"Node '{node.Name}' ({node.Op.Kind})";
}
