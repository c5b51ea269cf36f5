using Parity.Engine.Graph;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Elementwise;

/// <summary>Clamps float32 values to [<see cref="Min"/>, <see cref="Max"/>]; NaN stays NaN.</summary>
public sealed class Clip : IOperator
{
    public Clip(float min, float max)
    {
        if (!(min <= max)) throw new ArgumentException($"Clip bounds must satisfy min <= max; got min {min}, max {max}.", nameof(min));
        Min = min;
        Max = max;
    }

    public float Min { get; }

    public float Max { get; }

    public string Kind => "Clip";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        OperandChecks.Float32Inputs(Kind, inputs, 1);
        return [inputs[0]];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => Unary.Clip(inputs[0].Floats, outputs[0].Floats, Min, Max);
}
