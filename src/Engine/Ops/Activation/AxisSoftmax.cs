using Parity.Engine.Graph;
using Parity.Engine.Tensors;

// Shares Ops/Elementwise's namespace: a namespace named Activation or Activations would hide the
// Kernels.Activation struct and Kernels.Activations class from all code in Parity.Engine.Ops.*.
namespace Parity.Engine.Ops.Elementwise;

/// <summary>Softmax, or log-softmax when <see cref="Log"/>, along <see cref="Axis"/> (negative counts from the end).</summary>
public sealed class AxisSoftmax(int axis, bool log = false) : IOperator
{
    public int Axis { get; } = axis;

    public bool Log { get; } = log;

    public string Kind => Log ? "LogSoftmax" : "Softmax";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        OperandChecks.Float32Inputs(Kind, inputs, 1);
        var shape = inputs[0].Shape;
        if (Axis < -shape.Rank || Axis >= shape.Rank)
        {
            throw new ShapeMismatchException($"{Kind} along axis {Axis} needs an input of rank > {(Axis < 0 ? -Axis - 1 : Axis)}; got {shape}.");
        }
        return [inputs[0]];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var x = inputs[0];
        if (Log) Kernels.Softmax.ApplyLog(x.Floats, x.Shape, Axis, outputs[0].Floats);
        else Kernels.Softmax.Apply(x.Floats, x.Shape, Axis, outputs[0].Floats);
    }
}
