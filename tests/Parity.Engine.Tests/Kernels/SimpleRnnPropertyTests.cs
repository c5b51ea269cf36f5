using FsCheck.Xunit;
using Parity.Engine.Kernels.Recurrent;
using static Parity.Engine.Tests.Kernels.RecurrentTestSupport;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

/// <summary>The optimized simple RNN against its reference twin on generated problems.</summary>
public class SimpleRnnPropertyTests
{
    // Float pre-activations of at most 26 terms per step; relu and linear activations can grow values, hence the relative part.
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
        var parameters = new SimpleRnnParameters(s, p.CellActivation, p.PreActivationClip);
        var input = p.Data(s.Batch * s.Time * s.Features, 1);
        var scale = p.WeightScale;
        var (k0, r0, b0) = (p.Data(s.Features * s.Units, 10, scale), p.Data(s.Units * s.Units, 20, scale), p.HasBias ? p.Data(s.Units, 30) : []);
        var (k1, r1, b1) = (p.Data(s.Features * s.Units, 11, scale), p.Data(s.Units * s.Units, 21, scale), p.HasBias ? p.Data(s.Units, 31) : []);
        var forward = new SimpleRnnWeights(k0, r0, b0);
        var backward = new SimpleRnnWeights(k1, r1, b1);
        var h0 = p.InitialStates ? p.Data(s.StateLength, 50) : [];
        var mask = p.Mask();
        if (reference) Ref.SimpleRnn.Run(parameters, input, forward, backward, h0, mask, sequence, finalH);
        else SimpleRnn.Run(parameters, input, forward, backward, h0, mask, sequence, finalH);
    }
}
