using FsCheck.Xunit;
using Parity.Engine.Kernels.Recurrent;
using static Parity.Engine.Tests.Kernels.RecurrentTestSupport;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

/// <summary>The optimized LSTM against its reference twin on generated problems.</summary>
public class LstmPropertyTests
{
    // Pre-activations sum at most 26 terms of magnitude below ~1 in float (error ~26 * 6e-8 per step); the gates are
    // at most 1-Lipschitz, and 7 steps of that stay well below 1e-5 relative.
    private const double Bound = 1e-5;

    [Property(Arbitrary = [typeof(RecurrentProblems)], MaxTest = 150)]
    public void Optimized_matches_reference(RecurrentProblem problem)
    {
        var (expected, actual) = (Outputs.For(problem), Outputs.For(problem));
        Run(problem, reference: true, expected);
        Run(problem, reference: false, actual);
        AssertClose(expected.Sequence, actual.Sequence, Bound, problem, "sequence");
        AssertClose(expected.FinalH, actual.FinalH, Bound, problem, "final h");
        AssertClose(expected.FinalC, actual.FinalC, Bound, problem, "final c");
    }

    // 128 units at batch 1: wide enough that each step's GEMV is split over columns between threads (when there are
    // several cores) and runs the full register blocks; the generated problems stay below that size.
    [Theory]
    [InlineData(RecurrentDirection.Forward)]
    [InlineData(RecurrentDirection.Bidirectional)]
    public void Wide_batch_one_layer_matches_reference(RecurrentDirection direction)
    {
        var problem = new RecurrentProblem(1, 3, 5, 128, direction, BidirectionalMerge.Sum, BackwardSequenceOrder.Processed,
            GateOrderIndex: 5, 0, 0, 0, HasBias: true, Peepholes: true, ClipCell: false, ClipPreActivation: false, Coupled: false,
            ResetAfter: false, RecurrentBias: false, InitialStates: true, Masked: false, MaskedStepOutput.PreviousOutput,
            WantSequence: true, WantFinal: true, Seed: 3);
        var (expected, actual) = (Outputs.For(problem), Outputs.For(problem));
        Run(problem, reference: true, expected);
        Run(problem, reference: false, actual);
        AssertClose(expected.Sequence, actual.Sequence, Bound, problem, "sequence");
        AssertClose(expected.FinalC, actual.FinalC, Bound, problem, "final c");
    }

    internal sealed record Outputs(float[] Sequence, float[] FinalH, float[] FinalC)
    {
        public static Outputs For(RecurrentProblem p) => new(
            Unwritten(p.WantSequence ? p.Sequence.SequenceLength : 0),
            Unwritten(p.WantFinal ? p.Sequence.StateLength : 0),
            Unwritten(p.WantFinal ? p.Sequence.StateLength : 0));
    }

    internal static void Run(RecurrentProblem p, bool reference, Outputs outputs)
    {
        var s = p.Sequence;
        var parameters = new LstmParameters(s, p.LstmOrder, p.RecurrentActivation, p.CellActivation, p.OutputActivation,
            p.CellClip, p.PreActivationClip, p.Coupled);
        var input = p.Data(s.Batch * s.Time * s.Features, 1);
        var scale = p.WeightScale;
        float[] Kernel(int d) => p.Data(s.Features * 4 * s.Units, 10 + d, scale);
        float[] Recurrent(int d) => p.Data(s.Units * 4 * s.Units, 20 + d, scale);
        float[] Bias(int d) => p.HasBias ? p.Data(4 * s.Units, 30 + d) : [];
        float[] Peepholes(int d) => p.Peepholes ? p.Data(3 * s.Units, 40 + d) : [];
        var (k0, r0, b0, p0) = (Kernel(0), Recurrent(0), Bias(0), Peepholes(0));
        var (k1, r1, b1, p1) = (Kernel(1), Recurrent(1), Bias(1), Peepholes(1));
        var forward = new LstmWeights(k0, r0, b0, p0);
        var backward = new LstmWeights(k1, r1, b1, p1);
        var h0 = p.InitialStates ? p.Data(s.StateLength, 50) : [];
        var c0 = p.InitialStates ? p.Data(s.StateLength, 51) : [];
        var mask = p.Mask();
        if (reference)
        {
            Ref.Lstm.Run(parameters, input, forward, backward, h0, c0, mask, outputs.Sequence, outputs.FinalH, outputs.FinalC);
        }
        else
        {
            Lstm.Run(parameters, input, forward, backward, h0, c0, mask, outputs.Sequence, outputs.FinalH, outputs.FinalC);
        }
    }
}
