using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Graph;

/// <summary>y = x + 1 on float32 tensors of any shape.</summary>
internal sealed class AddOne : IOperator
{
    public string Kind => "AddOne";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs) => [TestOperatorTypes.SingleFloat(Kind, inputs)];

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var x = inputs[0].Floats;
        var y = outputs[0].Floats;
        for (var i = 0; i < x.Length; i++) y[i] = x[i] + 1;
    }
}

/// <summary>y = factor * x.</summary>
internal sealed class Scale(float factor) : IOperator
{
    public string Kind => "Scale";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs) => [TestOperatorTypes.SingleFloat(Kind, inputs)];

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var x = inputs[0].Floats;
        var y = outputs[0].Floats;
        for (var i = 0; i < x.Length; i++) y[i] = factor * x[i];
    }
}

/// <summary>y = a + b for two float32 tensors of the same shape.</summary>
internal sealed class Add : IOperator
{
    public string Kind => "Add";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 2 || inputs[0] != inputs[1])
        {
            throw new ShapeMismatchException($"Add needs two inputs of one type, found {string.Join(" and ", inputs)}.");
        }
        return [inputs[0]];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var a = inputs[0].Floats;
        var b = inputs[1].Floats;
        var y = outputs[0].Floats;
        for (var i = 0; i < y.Length; i++) y[i] = a[i] + b[i];
    }
}

/// <summary>Two outputs: (x, -x).</summary>
internal sealed class PlusMinus : IOperator
{
    public string Kind => "PlusMinus";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        var t = TestOperatorTypes.SingleFloat(Kind, inputs);
        return [t, t];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var x = inputs[0].Floats;
        for (var i = 0; i < x.Length; i++)
        {
            outputs[0].Floats[i] = x[i];
            outputs[1].Floats[i] = -x[i];
        }
    }
}

/// <summary>The first <paramref name="count"/> elements of a rank-1 tensor.</summary>
internal sealed class Head(int count) : IOperator
{
    public string Kind => "Head";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        var t = TestOperatorTypes.SingleFloat(Kind, inputs);
        if (t.Shape.Rank != 1 || t.Shape[0] < count) throw new ShapeMismatchException($"Head({count}) needs a rank-1 input of at least {count}, found {t.Shape}.");
        return [new TensorType(DType.Float32, new Shape(count))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => inputs[0].Floats[..count].CopyTo(outputs[0].Floats);
}

/// <summary>Stands for a layer the engine cannot run: shape inference passes, execution throws.</summary>
internal sealed class Unsupported : IOperator
{
    public string Kind => "Lambda";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs) => [TestOperatorTypes.SingleFloat(Kind, inputs)];

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        throw new NotSupportedException("Lambda layers hold Python code and cannot run.");
}

/// <summary>Stands for a layer whose output shape cannot even be inferred: shape inference throws a reader-specific exception.</summary>
internal sealed class Uninferable : IOperator
{
    public string Kind => "Mystery";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs) =>
        throw new LayerNotSupportedException("layer class 'Mystery' is unknown");

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        throw new InvalidOperationException("A node whose inference failed must never execute.");
}

/// <summary>What a format reader might throw for a layer it cannot map.</summary>
internal sealed class LayerNotSupportedException(string message) : Exception(message);

/// <summary>Copies its input but throws when the first element is negative, to fail some runs of a plan and not others.</summary>
internal sealed class RejectsNegative : IOperator
{
    public string Kind => "RejectsNegative";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs) => [TestOperatorTypes.SingleFloat(Kind, inputs)];

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        if (inputs[0].Floats[0] < 0) throw new InvalidOperationException("negative input");
        inputs[0].Floats.CopyTo(outputs[0].Floats);
    }
}

/// <summary>Adds one and records the address of each output buffer it wrote, to observe buffer reuse.</summary>
internal sealed class AddOneRecordingBuffers(List<nint> addresses) : IOperator
{
    public string Kind => "AddOne";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs) => [TestOperatorTypes.SingleFloat(Kind, inputs)];

    public unsafe void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        new AddOne().Execute(inputs, outputs);
        fixed (float* p = outputs[0].Floats)
        {
            lock (addresses) addresses.Add((nint)p);
        }
    }
}

internal static class TestOperatorTypes
{
    public static TensorType SingleFloat(string kind, IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1 || inputs[0].DType != DType.Float32)
        {
            throw new ShapeMismatchException($"{kind} needs one float32 input, found {string.Join(", ", inputs)}.");
        }
        return inputs[0];
    }
}
