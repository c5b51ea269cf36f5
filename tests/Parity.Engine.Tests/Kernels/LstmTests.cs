using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Recurrent;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

/// <summary>Hand-computed LSTM cases (checked on the reference twin and the optimized kernel) and gate-order invariance.</summary>
public class LstmTests
{
    // Keras 2's hard sigmoid clip(0.2 x + 0.5, 0, 1) for the gates, identity for the candidate, 2c for the output
    // activation: every value below is exact decimal arithmetic, and swapping the cell and output roles would show.
    private static readonly Activation HardSigmoid = new(ActivationKind.HardSigmoid, 0.2f, 0.5f);
    private static readonly Activation Identity = Activation.None;
    private static readonly Activation Twice = new(ActivationKind.Linear, 2f, 0f);

    // One unit, one feature, Keras order i, f, c, o.
    private static readonly float[] Kernel = [0.5f, -0.5f, 1.0f, 0.25f];
    private static readonly float[] Recurrent = [1.0f, 0.5f, -1.0f, 2.0f];
    private static readonly float[] Bias = [0.1f, 0.5f, 0.0f, -0.5f];

    private delegate void LstmRun(
        in LstmParameters p, ReadOnlySpan<float> input, LstmWeights weights, LstmWeights backwardWeights,
        ReadOnlySpan<float> initialH, ReadOnlySpan<float> initialC, ReadOnlySpan<byte> mask,
        Span<float> sequence, Span<float> finalH, Span<float> finalC);

    private static LstmRun Runner(bool reference) => reference ? Ref.Lstm.Run : Lstm.Run;

    private static LstmParameters OneUnit(int time, float cellClip = float.PositiveInfinity) =>
        new(new RecurrentSequence(1, time, 1, 1), LstmGateOrder.Keras, HardSigmoid, Identity, Twice, cellClip);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void One_unit_two_steps_by_hand(bool reference)
    {
        // x = [1, 2], h0 = c0 = 0.
        // t=0: i = hs(0.5*1 + 0.1) = hs(0.6) = 0.62     f = hs(-0.5 + 0.5) = hs(0) = 0.5
        //      z = 1*1 + 0 = 1                          o = hs(0.25 - 0.5) = hs(-0.25) = 0.45
        //      c = 0.5*0 + 0.62*1 = 0.62                h = 0.45 * 2*0.62 = 0.558
        // t=1: i = hs(0.5*2 + 1*0.558 + 0.1) = hs(1.658) = 0.8316
        //      f = hs(-0.5*2 + 0.5*0.558 + 0.5) = hs(-0.221) = 0.4558
        //      z = 1*2 - 1*0.558 = 1.442
        //      o = hs(0.25*2 + 2*0.558 - 0.5) = hs(1.116) = 0.7232
        //      c = 0.4558*0.62 + 0.8316*1.442 = 0.282596 + 1.1991672 = 1.4817632
        //      h = 0.7232 * 2*1.4817632 = 2.14322229248
        var (sequence, h, c) = (new float[2], new float[1], new float[1]);
        Runner(reference)(OneUnit(2), [1f, 2f], new LstmWeights(Kernel, Recurrent, Bias, []), default, [], [], [], sequence, h, c);
        Assert.Equal(0.558f, sequence[0], 6);
        Assert.Equal(2.1432223f, sequence[1], 5);
        Assert.Equal(2.1432223f, h[0], 5);
        Assert.Equal(1.4817632f, c[0], 6);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void Peepholes_read_the_previous_cell_for_i_and_f_and_the_new_cell_for_o(bool reference, bool clipCell)
    {
        // Core ML semantics, x = 1, h0 = 0, c0 = 1, peepholes (p_i, p_f, p_o) = (0.5, -1, 0.25):
        // i = hs(0.6 + 0.5*c0) = hs(1.1) = 0.72       f = hs(0 - 1*c0) = hs(-1) = 0.3       z = 1
        // c = 0.3*1 + 0.72*1 = 1.02, or 1.0 when clipped to ±1
        // o = hs(-0.25 + 0.25*c) = hs(0.005) = 0.501, or hs(0) = 0.5 when clipped
        // h = o * 2c = 0.501 * 2.04 = 1.02204, or 0.5 * 2 = 1
        var (sequence, h, c) = (new float[1], new float[1], new float[1]);
        Runner(reference)(OneUnit(1, clipCell ? 1f : float.PositiveInfinity), [1f],
            new LstmWeights(Kernel, Recurrent, Bias, [0.5f, -1f, 0.25f]), default, [0f], [1f], [], sequence, h, c);
        Assert.Equal(clipCell ? 1f : 1.02f, c[0], 6);
        Assert.Equal(clipCell ? 1f : 1.02204f, h[0], 6);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Coupled_forget_gate_is_one_minus_input_gate(bool reference)
    {
        // x = 1, h0 = 0, c0 = 1: i = 0.62, f = 1 - 0.62 = 0.38 (the forget block is ignored), z = 1, o = 0.45
        // c = 0.38*1 + 0.62*1 = 1.0, h = 0.45 * 2 = 0.9
        var (sequence, h, c) = (new float[1], new float[1], new float[1]);
        Runner(reference)(OneUnit(1) with { CoupledInputForget = true }, [1f], new LstmWeights(Kernel, Recurrent, Bias, []), default,
            [0f], [1f], [], sequence, h, c);
        Assert.Equal(1f, c[0], 6);
        Assert.Equal(0.9f, h[0], 6);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Permuting_weight_blocks_with_the_gate_order_changes_nothing(bool reference)
    {
        var problem = new RecurrentProblem(2, 4, 3, 5, RecurrentDirection.Forward, BidirectionalMerge.Concat, BackwardSequenceOrder.Processed,
            0, 0, 0, 0, HasBias: true, Peepholes: true, ClipCell: false, ClipPreActivation: false, Coupled: false, ResetAfter: false,
            RecurrentBias: false, InitialStates: true, Masked: false, MaskedStepOutput.PreviousOutput, true, true, Seed: 7);
        var s = problem.Sequence;
        var (kernel, recurrent, bias) = (problem.Data(3 * 20, 1, 0.5), problem.Data(5 * 20, 2, 0.5), problem.Data(20, 3));
        var (input, peepholes, h0, c0) = (problem.Data(2 * 4 * 3, 4), problem.Data(15, 5), problem.Data(10, 6), problem.Data(10, 7));
        float[] Run(LstmGateOrder order, float[] k, float[] r, float[] b)
        {
            var sequence = new float[s.SequenceLength];
            Runner(reference)(new LstmParameters(s, order, new Activation(ActivationKind.Sigmoid), new Activation(ActivationKind.Tanh), new Activation(ActivationKind.Tanh)),
                input, new LstmWeights(k, r, b, peepholes), default, h0, c0, [], sequence, [], []);
            return sequence;
        }
        var keras = Run(LstmGateOrder.Keras, kernel, recurrent, bias);
        for (var index = 0; index < 24; index++)
        {
            var gates = RecurrentProblem.Permutation(4, index);
            var order = new LstmGateOrder((LstmGate)gates[0], (LstmGate)gates[1], (LstmGate)gates[2], (LstmGate)gates[3]);
            // Block j of the permuted weights holds gate gates[j], which sits in block (int)gates[j] of the Keras weights.
            var permuted = Run(order, PermuteBlocks(kernel, 5, gates), PermuteBlocks(recurrent, 5, gates), PermuteBlocks(bias, 5, gates));
            for (var i = 0; i < keras.Length; i++) Assert.Equal(keras[i], permuted[i], 6);
        }
    }

    [Fact]
    public void Gate_orders_name_each_gate_once_and_default_to_keras()
    {
        Assert.Throws<ArgumentException>(() => new LstmGateOrder(LstmGate.Input, LstmGate.Input, LstmGate.Cell, LstmGate.Output));
        Assert.Equal(LstmGateOrder.Keras, default(LstmGateOrder));
        Assert.Equal([LstmGate.Input, LstmGate.Forget, LstmGate.Output, LstmGate.Cell], LstmGateOrder.CoreMLProgram.ToArray());
        Assert.Equal(3, LstmGateOrder.CoreMLProgram.BlockOf(LstmGate.Cell));
    }

    [Fact]
    public void Wrong_weight_sizes_are_rejected_with_the_expected_size()
    {
        var e = Assert.Throws<ArgumentException>(() => Lstm.Run(OneUnit(2), [1f, 2f], new LstmWeights(Kernel, Recurrent, [1f], []), default,
            [], [], [], new float[2], [], []));
        Assert.Contains("bias [4 * units]", e.Message);
        Assert.Contains("expected 4", e.Message);
    }

    /// <summary>Rearranges the gate blocks of each row of a [rows, blocks * units] matrix: block j of the result is block gates[j].</summary>
    internal static float[] PermuteBlocks(float[] weights, int units, int[] gates)
    {
        var width = gates.Length * units;
        var result = new float[weights.Length];
        for (var row = 0; row < weights.Length / width; row++)
        {
            for (var j = 0; j < gates.Length; j++)
            {
                Array.Copy(weights, row * width + gates[j] * units, result, row * width + j * units, units);
            }
        }
        return result;
    }
}
