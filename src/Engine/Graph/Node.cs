namespace Parity.Engine.Graph;

/// <summary>One step of a graph: an operator reading named input values and producing named output values.</summary>
public sealed class Node
{
    public Node(string name, IOperator op, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        foreach (var value in inputs.Concat(outputs))
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new ArgumentException($"Node '{name}' ({op.Kind}) has an empty value name; every input and output needs a name.", nameof(inputs));
            }
        }
        Name = name;
        Op = op;
        Inputs = inputs.ToArray();
        Outputs = outputs.ToArray();
    }

    /// <summary>Unique name within the graph, usually the source layer's name.</summary>
    public string Name { get; }

    public IOperator Op { get; }

    /// <summary>Names of the values this node reads, in the order the operator expects them.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Names of the values this node produces, in the order the operator writes them.</summary>
    public IReadOnlyList<string> Outputs { get; }

    public override string ToString() => $"node '{Name}' ({Op.Kind})";
}
