using Parity.Engine.Graph;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.DataMovement;

/// <summary>ScatterOp addressing and combining on small hand-checked cases, and ScalarMath against System.Math.</summary>
public class ScatterOpTests
{
    private static float[] Run(IOperator op, params Tensor[] inputs)
    {
        var type = op.InferOutputTypes(inputs.Select(i => i.Type).ToArray())[0];
        using var output = Tensor.Uninitialized(type.DType, type.Shape);
        op.Execute(inputs, [output]);
        return output.Floats.ToArray();
    }

    [Fact]
    public void Repeated_indices_apply_in_order()
    {
        // Container [0, 0, 0]; indices [1, 1, -1] with updates [2, 3, 4] along axis 0:
        // Replace: position 1 ends 3 (last write wins), position 2 gets 4; Add: position 1 gets 2 + 3 = 5.
        using var container = Tensor.FromArray([0, 0, 0], 3);
        using var indices = Tensor.FromSpan<long>([1, 1, -1], new Shape(3));
        using var updates = Tensor.FromArray([2, 3, 4], 3);
        Assert.Equal([0f, 3f, 4f], Run(new ScatterOp(ScatterAddressing.Take, 0, ScatterCombine.Replace), container, indices, updates));
        Assert.Equal([0f, 5f, 4f], Run(new ScatterOp(ScatterAddressing.Take, 0, ScatterCombine.Add), container, indices, updates));
    }

    [Fact]
    public void Take_addressing_on_an_inner_axis_keeps_the_outer_rows()
    {
        // Container ones [2, 3]; axis 1, index [0], updates [[5], [6]] divide column 0: [[0.2, 1, 1], [1/6, 1, 1]].
        using var container = Tensor.FromArray([1, 1, 1, 1, 1, 1], 2, 3);
        using var indices = Tensor.FromSpan<long>([0], new Shape(1));
        using var updates = Tensor.FromArray([5, 6], 2, 1);
        Assert.Equal([0.2f, 1f, 1f, 1f / 6, 1f, 1f], Run(new ScatterOp(ScatterAddressing.Take, 1, ScatterCombine.Divide), container, indices, updates));
    }

    [Fact]
    public void Mismatched_updates_and_bad_indices_are_refused()
    {
        using var container = Tensor.FromArray([0, 0, 0], 3);
        using var indices = Tensor.FromSpan<long>([3], new Shape(1));
        using var updates = Tensor.FromArray([1], 1);
        using var wrong = Tensor.FromArray([1, 2], 2);
        var op = new ScatterOp(ScatterAddressing.Take, 0, ScatterCombine.Replace);
        Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([container.Type, indices.Type, wrong.Type]));
        Assert.Throws<ArgumentException>(() => Run(op, container, indices, updates));
    }

    [Fact]
    public void Scalar_math_rounds_the_double_result_once()
    {
        using var x = Tensor.FromArray([0.3f, -0.7f], 2);
        Assert.Equal([(float)Math.Asin(0.3f), (float)Math.Asin(-0.7f)], Run(new ScalarMath(ScalarFunctionKind.Asin), x));
        Assert.Equal([(float)Math.Atanh(0.3f), (float)Math.Atanh(-0.7f)], Run(new ScalarMath(ScalarFunctionKind.Atanh), x));
    }
}
