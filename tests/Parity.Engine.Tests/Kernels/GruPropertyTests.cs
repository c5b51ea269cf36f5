using FsCheck.Xunit;
using Parity.Engine.Kernels.Recurrent;
using static Parity.Engine.Tests.Kernels.RecurrentTestSupport;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

/// <summary>The optimized GRU against its reference twin on generated problems (both reset conventions).</summary>
public class GruPropertyTests
{
    // Same reasoning as for the LSTM: float pre-activations of at most 26 terms, 1-Lipschitz gates, 7 steps.
    private const double Bound = 1e-5;

    [Property(Arbitrary = [typeof(RecurrentProblems)], MaxTest = 150)]
    public void Optimized_matches_reference(RecurrentProblem problem)
    {
        var s = problem.Sequence;
        var (expectedSequence, actualSequence) = (Unwritten(problem.WantSequence ? s.SequenceLength : 0), Unwritten(problem.WantSequence ? s.SequenceLength : 0));
        var (expectedH, actualH) = (Unwritten(problem.WantFinal ? s.StateLength : 0), Unwritten(problem.WantFinal ? s.StateLength : 0));
        Run(problem, reference: true, expectedSequence, expectedH);
        Run(problem, reference: false, actualSequence, actualH);
        AssertClose(expectedSequence, actualSequence, Bound, problem, "sequence");
        AssertClose(expectedH, actualH, Bound, problem, "final h");
    }

    internal static void Run(RecurrentProblem p, bool reference, float[] sequence, float[] finalH)
    {
        var s = p.Sequence;
        var parameters = new GruParameters(s, p.GruOrder, p.RecurrentActivation, p.CellActivation, p.ResetAfter, p.PreActivationClip);
        var input = p.Data(s.Batch * s.Time * s.Features, 1);
        var scale = p.WeightScale;
        float[] Kernel(int d) => p.Data(s.Features * 3 * s.Units, 10 + d, scale);
        float[] Recurrent(int d) => p.Data(s.Units * 3 * s.Units, 20 + d, scale);
        float[] Bias(int d) => p.HasBias ? p.Data(3 * s.Units, 30 + d) : [];
        float[] RecurrentBias(int d) => p.RecurrentBias ? p.Data(3 * s.Units, 40 + d) : [];
        var (k0, r0, b0, rb0) = (Kernel(0), Recurrent(0), Bias(0), RecurrentBias(0));
        var (k1, r1, b1, rb1) = (Kernel(1), Recurrent(1), Bias(1), RecurrentBias(1));
        var forward = new GruWeights(k0, r0, b0, rb0);
        var backward = new GruWeights(k1, r1, b1, rb1);
        var h0 = p.InitialStates ? p.Data(s.StateLength, 50) : [];
        var mask = p.Mask();
        if (reference) Ref.Gru.Run(parameters, input, forward, backward, h0, mask, sequence, finalH);
        else Gru.Run(parameters, input, forward, backward, h0, mask, sequence, finalH);
    }
}
