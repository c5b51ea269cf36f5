using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using BidirectionalMerge = Parity.Engine.Kernels.Recurrent.BidirectionalMerge;
using GruGateOrder = Parity.Engine.Kernels.Recurrent.GruGateOrder;
using LstmGateOrder = Parity.Engine.Kernels.Recurrent.LstmGateOrder;
using RecurrentDirection = Parity.Engine.Kernels.Recurrent.RecurrentDirection;
using Parity.Engine.Ops.Recurrent;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Recurrent;

/// <summary>The recurrent ops on small hand-computed cases: input/output types, state inputs, masks and output spreading.</summary>
public class RecurrentOpTests
{
    // W = U = 1, b = 0, identity: h_t = h_{t-1} + x_t, a running sum.
    private static RecurrentWeightTensors RunningSum() => new(Tensor.FromArray([1f], 1, 1), Tensor.FromArray([1f], 1, 1));

    private static Tensor[] Execute(IOperator op, params Tensor[] inputs)
    {
        var types = op.InferOutputTypes(inputs.Select(t => t.Type).ToList());
        var outputs = types.Select(t => Tensor.Zeros(t.DType, t.Shape)).ToArray();
        op.Execute(inputs, outputs);
        return outputs;
    }

    [Fact]
    public void SimpleRnn_returns_the_sequence_and_the_final_state()
    {
        var op = new SimpleRnn(RunningSum(), null, new RecurrentLayerOptions(ReturnSequences: true, ReturnStates: true), Activation.None);
        var outputs = Execute(op, Tensor.FromArray([1f, 2f, 3f], 1, 3, 1));
        Assert.Equal(2, outputs.Length);
        Assert.Equal(new Shape(1, 3, 1), outputs[0].Shape);
        Assert.Equal([1f, 3f, 6f], outputs[0].Floats.ToArray());
        Assert.Equal([6f], outputs[1].Floats.ToArray());
    }

    [Fact]
    public void Bidirectional_last_output_concatenates_both_final_states()
    {
        // Forward reads 1, 2, 3 from h0 = 10: final 16. Backward reads 3, 2, 1 from h0 = 20: final 26.
        var options = new RecurrentLayerOptions(RecurrentDirection.Bidirectional, ReturnStates: true, HasInitialStates: true);
        var op = new SimpleRnn(RunningSum(), RunningSum(), options, Activation.None);
        var outputs = Execute(op, Tensor.FromArray([1f, 2f, 3f], 1, 3, 1), Tensor.FromArray([10f, 20f], 2, 1, 1));
        Assert.Equal(3, outputs.Length);
        Assert.Equal([16f, 26f], outputs[0].Floats.ToArray());
        Assert.Equal([16f], outputs[1].Floats.ToArray());
        Assert.Equal([26f], outputs[2].Floats.ToArray());
    }

    [Fact]
    public void Bidirectional_without_merge_returns_two_sequences()
    {
        var options = new RecurrentLayerOptions(RecurrentDirection.Bidirectional, BidirectionalMerge.None, ReturnSequences: true);
        var outputs = Execute(new SimpleRnn(RunningSum(), RunningSum(), options, Activation.None), Tensor.FromArray([1f, 2f, 3f], 1, 3, 1));
        Assert.Equal([1f, 3f, 6f], outputs[0].Floats.ToArray());
        Assert.Equal([6f, 5f, 3f], outputs[1].Floats.ToArray());
    }

    [Fact]
    public void Masked_steps_are_skipped()
    {
        var options = new RecurrentLayerOptions(ReturnSequences: true, HasMask: true);
        var op = new SimpleRnn(RunningSum(), null, options, Activation.None);
        var outputs = Execute(op, Tensor.FromArray([1f, 2f, 3f], 1, 3, 1), Tensor.FromBools([true, false, true], new Shape(1, 3)));
        Assert.Equal([1f, 1f, 4f], outputs[0].Floats.ToArray());
    }

    [Fact]
    public void Lstm_returns_output_h_and_c()
    {
        // The hand-computed case of LstmTests.One_unit_two_steps_by_hand: h = 2.14322229, c = 1.4817632.
        var weights = new RecurrentWeightTensors(
            Tensor.FromArray([0.5f, -0.5f, 1.0f, 0.25f], 1, 4), Tensor.FromArray([1.0f, 0.5f, -1.0f, 2.0f], 1, 4),
            Tensor.FromArray([0.1f, 0.5f, 0.0f, -0.5f], 4));
        var op = new Lstm(weights, null, new RecurrentLayerOptions(ReturnStates: true), LstmGateOrder.Keras,
            new Activation(ActivationKind.HardSigmoid, 0.2f, 0.5f), Activation.None, new Activation(ActivationKind.Linear, 2f, 0f));
        var outputs = Execute(op, Tensor.FromArray([1f, 2f], 1, 2, 1));
        Assert.Equal(3, outputs.Length);
        Assert.Equal(2.1432223f, outputs[0].Floats[0], 5);
        Assert.Equal(2.1432223f, outputs[1].Floats[0], 5);
        Assert.Equal(1.4817632f, outputs[2].Floats[0], 6);
    }

    [Fact]
    public void Gru_reads_its_initial_state()
    {
        // The hand-computed reset_after step of GruTests: x = 1, h0 = 0.5 -> 0.5266.
        var weights = new RecurrentWeightTensors(
            Tensor.FromArray([0.5f, 1.0f, -1.0f], 1, 3), Tensor.FromArray([1.0f, -0.5f, 2.0f], 1, 3),
            Tensor.FromArray([0f, 0.5f, 0.5f], 3), RecurrentBias: Tensor.FromArray([0.1f, -0.1f, 0.5f], 3));
        var op = new Gru(weights, null, new RecurrentLayerOptions(HasInitialStates: true), GruGateOrder.Keras,
            new Activation(ActivationKind.HardSigmoid, 0.2f, 0.5f), Activation.None, resetAfter: true);
        var outputs = Execute(op, Tensor.FromArray([1f], 1, 1, 1), Tensor.FromArray([0.5f], 1, 1));
        Assert.Single(outputs);
        Assert.Equal(0.5266f, outputs[0].Floats[0], 6);
    }

    [Fact]
    public void Mismatched_inputs_name_the_expected_shape()
    {
        var op = new SimpleRnn(RunningSum(), null, new RecurrentLayerOptions(HasInitialStates: true), Activation.None);
        var e = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 3, 2)), new TensorType(DType.Float32, new Shape(1, 1))]));
        Assert.Contains("[batch, time, 1]", e.Message);
        e = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 3, 1))]));
        Assert.Contains("expects 2 inputs", e.Message);
        Assert.Throws<ArgumentException>(() => _ = new SimpleRnn(RunningSum(), null, new RecurrentLayerOptions(RecurrentDirection.Bidirectional), Activation.None));
    }
}
