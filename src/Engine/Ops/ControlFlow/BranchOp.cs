using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.ControlFlow;

/// <summary>
/// An if/else over two blocks chosen at run time by a condition value (see <see cref="BranchStep"/> for the rule). Inputs
/// are the blobs either block reads, the condition and every blob a block may leave unchanged, in <see cref="Inputs"/>
/// order; outputs are the values of <see cref="Outputs"/> after the chosen block, which must have the same types on
/// both paths so the graph around the branch has one type per value.
/// </summary>
public sealed class BranchOp : IOperator
{
    private readonly BranchStep _step;

    /// <param name="condition">The input name holding the condition; one of <paramref name="inputs"/>.</param>
    /// <param name="inputs">Blob names of the op's inputs, in input order.</param>
    /// <param name="outputs">Blob names of the op's outputs, in output order.</param>
    public BranchOp(string condition, ControlBlock ifBlock, ControlBlock elseBlock, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
    {
        if (!inputs.Contains(condition)) throw new ArgumentException($"The condition '{condition}' is not among the branch inputs ({string.Join(", ", inputs)}).", nameof(condition));
        if (ifBlock.CanSignal || elseBlock.CanSignal) throw new ArgumentException("A branch op's blocks cannot break or continue a loop; inside a loop body use a BranchStep.", nameof(ifBlock));
        _step = new BranchStep(condition, ifBlock, elseBlock);
        (Inputs, Outputs) = (inputs.ToArray(), outputs.ToArray());
    }

    public string Kind => "Branch";

    public string Condition => _step.Condition;

    public ControlBlock If => _step.If;

    public ControlBlock Else => _step.Else;

    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyList<string> Outputs { get; }

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != Inputs.Count) throw new ShapeMismatchException($"Branch expects {Inputs.Count} inputs ({string.Join(", ", Inputs)}); got {inputs.Count}.");
        var blobs = new Dictionary<string, TensorType>();
        for (var k = 0; k < Inputs.Count; k++) blobs[Inputs[k]] = inputs[k];
        _step.InferTypes(blobs);
        return Outputs.Select(o => blobs.TryGetValue(o, out var type)
            ? type
            : throw new ShapeMismatchException($"Branch output '{o}' is not written on both paths (nor passed through from before the branch).")).ToArray();
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        using var environment = new BlobEnvironment(Inputs, inputs);
        _step.Run(environment);
        for (var k = 0; k < Outputs.Count; k++) environment[Outputs[k]].Bytes.CopyTo(outputs[k].Bytes);
    }
}
