using FsCheck.Xunit;
using Parity.Engine.Kernels.Recurrent;
using static Parity.Engine.Tests.Kernels.RecurrentTestSupport;

namespace Parity.Engine.Tests.Kernels;

/// <summary>
/// Identities that define the directions, checked on the optimized GRU: a backward pass is a forward pass over the
/// time-reversed input (and mask), and a bidirectional layer is a forward and a backward layer side by side.
/// </summary>
public class RecurrentIdentityTests
{
    // The compared runs do the same float operations in the same order, so only reordering inside the GEMM could differ.
    private const double Bound = 1e-6;

    [Property(Arbitrary = [typeof(RecurrentProblems)], MaxTest = 60)]
    public void Backward_in_processed_order_is_forward_over_reversed_time(RecurrentProblem problem)
    {
        var backward = problem with { Direction = RecurrentDirection.Backward, BackwardOrder = BackwardSequenceOrder.Processed, WantSequence = true, WantFinal = true };
        var s = backward.Sequence;
        var (expectedSequence, expectedH) = (new float[s.SequenceLength], new float[s.StateLength]);
        var (actualSequence, actualH) = (new float[s.SequenceLength], new float[s.StateLength]);
        Run(backward, s, backward.Data(s.Batch * s.Time * s.Features, 1), backward.Mask(), actualSequence, actualH);
        var forward = s with { Direction = RecurrentDirection.Forward };
        Run(backward, forward, ReverseTime(backward.Data(s.Batch * s.Time * s.Features, 1), s.Batch, s.Time),
            ReverseTime(backward.Mask(), s.Batch, s.Time), expectedSequence, expectedH);
        AssertClose(expectedSequence, actualSequence, Bound, problem, "sequence");
        AssertClose(expectedH, actualH, Bound, problem, "final h");
    }

    [Property(Arbitrary = [typeof(RecurrentProblems)], MaxTest = 60)]
    public void Bidirectional_concat_is_forward_beside_backward_in_input_order(RecurrentProblem problem)
    {
        var bidirectional = problem with { Direction = RecurrentDirection.Bidirectional, Merge = BidirectionalMerge.Concat, InitialStates = false };
        var s = bidirectional.Sequence;
        var input = bidirectional.Data(s.Batch * s.Time * s.Features, 1);
        var mask = bidirectional.Mask();
        var both = new float[s.SequenceLength];
        Run(bidirectional, s, input, mask, both, []);
        var single = s with { Direction = RecurrentDirection.Forward };
        var (forward, backward) = (new float[single.SequenceLength], new float[single.SequenceLength]);
        Run(bidirectional, single, input, mask, forward, [], direction: 0);
        Run(bidirectional, single with { Direction = RecurrentDirection.Backward, BackwardOrder = BackwardSequenceOrder.Input }, input, mask, backward, [], direction: 1);
        var expected = new float[both.Length];
        for (var row = 0; row < s.Batch * s.Time; row++)
        {
            Array.Copy(forward, row * s.Units, expected, row * 2 * s.Units, s.Units);
            Array.Copy(backward, row * s.Units, expected, (row * 2 + 1) * s.Units, s.Units);
        }
        AssertClose(expected, both, Bound, problem, "sequence");
    }

    private static void Run(RecurrentProblem p, RecurrentSequence s, float[] input, byte[] mask, float[] sequence, float[] finalH, int direction = 0)
    {
        var parameters = new GruParameters(s, p.GruOrder, p.RecurrentActivation, p.CellActivation, p.ResetAfter, p.PreActivationClip);
        var scale = p.WeightScale;
        GruWeights Weights(int d) => new(p.Data(s.Features * 3 * s.Units, 10 + d, scale), p.Data(s.Units * 3 * s.Units, 20 + d, scale),
            p.HasBias ? p.Data(3 * s.Units, 30 + d) : [], p.RecurrentBias ? p.Data(3 * s.Units, 40 + d) : []);
        var h0 = p.InitialStates ? p.Data(s.StateLength, 50) : [];
        Gru.Run(parameters, input, Weights(direction), Weights(1), h0, mask, sequence, finalH);
    }

    private static T[] ReverseTime<T>(T[] values, int batch, int time)
    {
        if (values.Length == 0) return values;
        var width = values.Length / (batch * time);
        var reversed = new T[values.Length];
        for (var b = 0; b < batch; b++)
        {
            for (var t = 0; t < time; t++) Array.Copy(values, (b * time + t) * width, reversed, (b * time + time - 1 - t) * width, width);
        }
        return reversed;
    }
}
