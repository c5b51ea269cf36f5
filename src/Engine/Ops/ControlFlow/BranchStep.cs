using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.ControlFlow;

/// <summary>
/// Core ML branch: runs <see cref="If"/> when the condition blob's single value has absolute value above 1e-6 and
/// <see cref="Else"/> otherwise (BranchLayerParams in NeuralNetwork.proto). After the branch, a blob keeps a type only
/// when every path leaves it with that same type; a blob one path writes and the other never had is not visible.
/// </summary>
public sealed class BranchStep : ControlStep
{
    /// <summary>The threshold of BranchLayerParams: "absolute value of the input greater than 1e-6" selects ifBranch.</summary>
    public const float Threshold = 1e-6f;

    public BranchStep(string condition, ControlBlock ifBlock, ControlBlock elseBlock)
    {
        ArgumentException.ThrowIfNullOrEmpty(condition);
        (Condition, If, Else) = (condition, ifBlock ?? throw new ArgumentNullException(nameof(ifBlock)), elseBlock ?? throw new ArgumentNullException(nameof(elseBlock)));
    }

    public string Condition { get; }

    public ControlBlock If { get; }

    public ControlBlock Else { get; }

    public static bool Holds(Tensor condition)
    {
        if (condition.Length != 1) throw new ArgumentException($"A branch condition must hold one value; got shape {condition.Shape}.", nameof(condition));
        using var flag = condition.ToFloat32();
        return Math.Abs(flag.Floats[0]) > Threshold;
    }

    public override void InferTypes(Dictionary<string, TensorType> blobs)
    {
        if (!blobs.TryGetValue(Condition, out var condition)) throw new ShapeMismatchException($"Branch condition blob '{Condition}' has no value before the branch.");
        if (condition.Shape.ElementCount != 1) throw new ShapeMismatchException($"Branch condition '{Condition}' is {condition}; expected a single value.");
        var ifTypes = new Dictionary<string, TensorType>(blobs);
        If.InferTypes(ifTypes);
        var elseTypes = new Dictionary<string, TensorType>(blobs);
        Else.InferTypes(elseTypes);
        blobs.Clear();
        foreach (var (blob, type) in ifTypes)
        {
            if (!elseTypes.TryGetValue(blob, out var other)) continue;
            if (other != type) throw new ShapeMismatchException($"Blob '{blob}' leaves the if branch as {type} and the else branch as {other}; both paths must agree.");
            blobs[blob] = type;
        }
    }

    internal override LoopSignal Run(BlobEnvironment environment) =>
        (Holds(environment[Condition]) ? If : Else).Run(environment);
}
