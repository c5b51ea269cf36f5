using FsCheck;
using FsCheck.Fluent;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Recurrent;

namespace Parity.Engine.Tests.Kernels;

/// <summary>
/// One generated recurrent-layer problem, shared by the SimpleRNN, LSTM and GRU properties (each reads the fields it
/// needs). A record, so FsCheck shrinks a failure field by field.
/// </summary>
public sealed record RecurrentProblem(
    int Batch, int Time, int Features, int Units,
    RecurrentDirection Direction, BidirectionalMerge Merge, BackwardSequenceOrder BackwardOrder,
    int GateOrderIndex, int RecurrentActivationIndex, int CellActivationIndex, int OutputActivationIndex,
    bool HasBias, bool Peepholes, bool ClipCell, bool ClipPreActivation, bool Coupled, bool ResetAfter, bool RecurrentBias,
    bool InitialStates, bool Masked, MaskedStepOutput MaskedOutput, bool WantSequence, bool WantFinal, int Seed)
{
    /// <summary>Gate activations: sigmoid, Keras 2's hard sigmoid, Keras 3's hard sigmoid.</summary>
    public static readonly Activation[] RecurrentActivations =
    [
        new(ActivationKind.Sigmoid), new(ActivationKind.HardSigmoid, 0.2f, 0.5f), new(ActivationKind.HardSigmoid, 1f / 6, 0.5f),
    ];

    /// <summary>Cell, candidate and output activations.</summary>
    public static readonly Activation[] CellActivations =
    [
        new(ActivationKind.Tanh), new(ActivationKind.Relu), new(ActivationKind.Softsign), new(ActivationKind.ScaledTanh, 1.7f, 0.6f), Activation.None,
    ];

    public RecurrentSequence Sequence => new(Batch, Time, Features, Units, Direction, Merge, BackwardOrder, MaskedOutput);

    public Activation RecurrentActivation => RecurrentActivations[RecurrentActivationIndex];

    public Activation CellActivation => CellActivations[CellActivationIndex];

    public Activation OutputActivation => CellActivations[OutputActivationIndex];

    public float CellClip => ClipCell ? 0.6f : float.PositiveInfinity;

    // 50 is Core ML's documented clip; 1.5 makes clipping actually happen on these small problems.
    public float PreActivationClip => ClipPreActivation ? (Seed % 2 == 0 ? 1.5f : 50f) : float.PositiveInfinity;

    public LstmGateOrder LstmOrder
    {
        get
        {
            var gates = Permutation(4, GateOrderIndex % 24);
            return new LstmGateOrder((LstmGate)gates[0], (LstmGate)gates[1], (LstmGate)gates[2], (LstmGate)gates[3]);
        }
    }

    public GruGateOrder GruOrder
    {
        get
        {
            var gates = Permutation(3, GateOrderIndex % 6);
            return new GruGateOrder((GruGate)gates[0], (GruGate)gates[1], (GruGate)gates[2]);
        }
    }

    /// <summary>Values uniform in [-scale, scale) drawn from <see cref="Seed"/> and a per-buffer salt.</summary>
    public float[] Data(int length, int salt, double scale = 1)
    {
        var random = new Random(HashCode.Combine(Seed, salt));
        var data = new float[length];
        for (var i = 0; i < length; i++) data[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        return data;
    }

    /// <summary>Weights scaled by 1/sqrt(fan-in) so that unbounded activations (relu, linear) stay moderate over 7 steps.</summary>
    public double WeightScale => 1.5 / Math.Sqrt(Features + Units);

    /// <summary>A [batch, time] mask with about one step in four masked, or empty.</summary>
    public byte[] Mask()
    {
        if (!Masked) return [];
        var random = new Random(HashCode.Combine(Seed, 99));
        var mask = new byte[Batch * Time];
        for (var i = 0; i < mask.Length; i++) mask[i] = random.Next(4) == 0 ? (byte)0 : (byte)1;
        return mask;
    }

    /// <summary>The <paramref name="index"/>-th permutation of 0..n-1 in lexicographic order.</summary>
    public static int[] Permutation(int n, int index)
    {
        var remaining = Enumerable.Range(0, n).ToList();
        var result = new int[n];
        var factorial = 1;
        for (var i = 2; i < n; i++) factorial *= i;
        for (var position = 0; position < n; position++)
        {
            var pick = index / factorial;
            index %= factorial;
            result[position] = remaining[pick];
            remaining.RemoveAt(pick);
            if (n - 1 - position > 0) factorial /= n - 1 - position;
        }
        return result;
    }

    public static Gen<RecurrentProblem> Generator =>
        from batch in Gen.Choose(1, 3)
        from time in Gen.Choose(1, 7)
        from features in Gen.Choose(1, 9)
        from units in Gen.Choose(1, 17)
        from direction in Gen.Elements(RecurrentDirection.Forward, RecurrentDirection.Backward, RecurrentDirection.Bidirectional)
        from merge in Gen.Elements(BidirectionalMerge.Concat, BidirectionalMerge.Sum, BidirectionalMerge.Multiply, BidirectionalMerge.Average, BidirectionalMerge.None)
        from order in Gen.Elements(BackwardSequenceOrder.Processed, BackwardSequenceOrder.Input)
        from gateOrder in Gen.Choose(0, 23)
        from activations in Gen.Choose(0, 1000)
        from flags in Gen.Choose(0, (1 << 12) - 1)
        from maskedOutput in Gen.Elements(MaskedStepOutput.PreviousOutput, MaskedStepOutput.Zero)
        from seed in Gen.Choose(0, 1_000_000)
        select new RecurrentProblem(batch, time, features, units, direction, merge, order, gateOrder,
            activations % 3, activations / 3 % 5, activations / 15 % 5,
            HasBias: (flags & 1) == 0, Peepholes: (flags & 2) != 0, ClipCell: (flags & 4) != 0, ClipPreActivation: (flags & 8) != 0,
            Coupled: (flags & 16) != 0, ResetAfter: (flags & 32) != 0, RecurrentBias: (flags & 64) != 0,
            InitialStates: (flags & 128) != 0, Masked: (flags & 256) != 0, maskedOutput,
            WantSequence: (flags & 512) == 0 || (flags & 1024) != 0, WantFinal: (flags & 512) != 0 || (flags & 2048) != 0, seed);

    /// <summary>Smaller variants: each field moved toward its simplest value.</summary>
    public static IEnumerable<RecurrentProblem> Shrink(RecurrentProblem p)
    {
        if (p.Batch > 1) yield return p with { Batch = 1 };
        if (p.Time > 1) yield return p with { Time = p.Time - 1 };
        if (p.Features > 1) yield return p with { Features = p.Features - 1 };
        if (p.Units > 1) yield return p with { Units = p.Units - 1 };
        if (p.Direction != RecurrentDirection.Forward) yield return p with { Direction = RecurrentDirection.Forward };
        if (p.GateOrderIndex != 0) yield return p with { GateOrderIndex = 0 };
        if (p.RecurrentActivationIndex != 0) yield return p with { RecurrentActivationIndex = 0 };
        if (p.CellActivationIndex != 0) yield return p with { CellActivationIndex = 0 };
        if (p.OutputActivationIndex != 0) yield return p with { OutputActivationIndex = 0 };
        if (p.Peepholes) yield return p with { Peepholes = false };
        if (p.ClipCell) yield return p with { ClipCell = false };
        if (p.ClipPreActivation) yield return p with { ClipPreActivation = false };
        if (p.Coupled) yield return p with { Coupled = false };
        if (p.InitialStates) yield return p with { InitialStates = false };
        if (p.Masked) yield return p with { Masked = false };
    }
}

/// <summary>FsCheck's source of <see cref="RecurrentProblem"/>s.</summary>
public static class RecurrentProblems
{
    public static Arbitrary<RecurrentProblem> Problems() => Arb.From(RecurrentProblem.Generator, RecurrentProblem.Shrink);
}
