using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Recurrent;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

/// <summary>Hand-computed GRU steps for both reset conventions (reference twin and optimized kernel) and gate-order invariance.</summary>
public class GruTests
{
    // Hard sigmoid clip(0.2 x + 0.5, 0, 1) on z and r, identity on the candidate: exact decimal arithmetic.
    private static readonly Activation HardSigmoid = new(ActivationKind.HardSigmoid, 0.2f, 0.5f);

    // One unit, one feature, Keras order z, r, h.
    private static readonly float[] Kernel = [0.5f, 1.0f, -1.0f];
    private static readonly float[] Recurrent = [1.0f, -0.5f, 2.0f];
    private static readonly float[] Bias = [0f, 0.5f, 0.5f];
    private static readonly float[] RecurrentBias = [0.1f, -0.1f, 0.5f];

    private delegate void GruRun(
        in GruParameters p, ReadOnlySpan<float> input, GruWeights weights, GruWeights backwardWeights,
        ReadOnlySpan<float> initialH, ReadOnlySpan<byte> mask, Span<float> sequence, Span<float> finalH);

    private static GruRun Runner(bool reference) => reference ? Ref.Gru.Run : Gru.Run;

    private static float OneStep(bool reference, bool resetAfter, float[] recurrentBias)
    {
        var p = new GruParameters(new RecurrentSequence(1, 1, 1, 1), GruGateOrder.Keras, HardSigmoid, Activation.None, resetAfter);
        var h = new float[1];
        Runner(reference)(p, [1f], new GruWeights(Kernel, Recurrent, Bias, recurrentBias), default, [0.5f], [], [], h);
        return h[0];
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reset_before_the_recurrent_product_by_hand(bool reference)
    {
        // x = 1, h0 = 0.5, no recurrent bias (Keras 1/2 GRU, Core ML NeuralNetwork):
        // z = hs(0.5*1 + 1*0.5 + 0) = hs(1.0) = 0.7
        // r = hs(1*1 - 0.5*0.5 + 0.5) = hs(1.25) = 0.75
        // ĥ = -1*1 + (r*h0)*2 + 0.5 = -1 + 0.375*2 + 0.5 = 0.25
        // h = z*h0 + (1 - z)*ĥ = 0.35 + 0.3*0.25 = 0.425
        Assert.Equal(0.425f, OneStep(reference, resetAfter: false, []), 6);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reset_after_the_recurrent_product_by_hand(bool reference)
    {
        // x = 1, h0 = 0.5, recurrent bias (0.1, -0.1, 0.5) (tf.keras 2 reset_after, cuDNN, PyTorch):
        // z = hs(0.5 + 1*0.5 + 0 + 0.1) = hs(1.1) = 0.72
        // r = hs(1 - 0.25 + 0.5 - 0.1) = hs(1.15) = 0.73
        // ĥ = -1*1 + 0.5 + r*(2*0.5 + 0.5) = -0.5 + 0.73*1.5 = 0.595
        // h = 0.72*0.5 + 0.28*0.595 = 0.36 + 0.1666 = 0.5266
        Assert.Equal(0.5266f, OneStep(reference, resetAfter: true, RecurrentBias), 6);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reset_before_adds_the_recurrent_bias_outside_the_reset(bool reference)
    {
        // As the first case with b_r = (0.1, -0.1, 0.5) added to each pre-activation:
        // z = hs(1.1) = 0.72, r = hs(1.15) = 0.73, ĥ = -1 + (0.73*0.5)*2 + 0.5 + 0.5 = 0.73
        // h = 0.72*0.5 + 0.28*0.73 = 0.36 + 0.2044 = 0.5644
        Assert.Equal(0.5644f, OneStep(reference, resetAfter: false, RecurrentBias), 6);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void Permuting_weight_blocks_with_the_gate_order_changes_nothing(bool reference, bool resetAfter)
    {
        var problem = new RecurrentProblem(2, 4, 3, 5, RecurrentDirection.Forward, BidirectionalMerge.Concat, BackwardSequenceOrder.Processed,
            0, 0, 0, 0, HasBias: true, Peepholes: false, ClipCell: false, ClipPreActivation: false, Coupled: false, ResetAfter: resetAfter,
            RecurrentBias: true, InitialStates: true, Masked: false, MaskedStepOutput.PreviousOutput, true, true, Seed: 11);
        var s = problem.Sequence;
        var (kernel, recurrent) = (problem.Data(3 * 15, 1, 0.5), problem.Data(5 * 15, 2, 0.5));
        var (bias, recurrentBias, input, h0) = (problem.Data(15, 3), problem.Data(15, 4), problem.Data(2 * 4 * 3, 5), problem.Data(10, 6));
        float[] Run(GruGateOrder order, float[] k, float[] r, float[] b, float[] rb)
        {
            var sequence = new float[s.SequenceLength];
            Runner(reference)(new GruParameters(s, order, new Activation(ActivationKind.Sigmoid), new Activation(ActivationKind.Tanh), resetAfter),
                input, new GruWeights(k, r, b, rb), default, h0, [], sequence, []);
            return sequence;
        }
        var keras = Run(GruGateOrder.Keras, kernel, recurrent, bias, recurrentBias);
        for (var index = 0; index < 6; index++)
        {
            var gates = RecurrentProblem.Permutation(3, index);
            var order = new GruGateOrder((GruGate)gates[0], (GruGate)gates[1], (GruGate)gates[2]);
            var permuted = Run(order, LstmTests.PermuteBlocks(kernel, 5, gates), LstmTests.PermuteBlocks(recurrent, 5, gates),
                LstmTests.PermuteBlocks(bias, 5, gates), LstmTests.PermuteBlocks(recurrentBias, 5, gates));
            for (var i = 0; i < keras.Length; i++) Assert.Equal(keras[i], permuted[i], 6);
        }
    }

    [Fact]
    public void Core_ML_program_order_is_reset_candidate_update()
    {
        Assert.Equal([GruGate.Reset, GruGate.Candidate, GruGate.Update], GruGateOrder.CoreMLProgram.ToArray());
        Assert.Equal(GruGateOrder.Keras, default(GruGateOrder));
        Assert.Throws<ArgumentException>(() => new GruGateOrder(GruGate.Reset, GruGate.Reset, GruGate.Update));
    }
}
