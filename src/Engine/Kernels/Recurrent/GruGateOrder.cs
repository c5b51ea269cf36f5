namespace Parity.Engine.Kernels.Recurrent;

/// <summary>The three GRU gate roles.</summary>
public enum GruGate
{
    /// <summary>z: how much of the previous state is kept (h = z * h_prev + (1 - z) * candidate).</summary>
    Update,

    /// <summary>r: how much of the previous state feeds the candidate.</summary>
    Reset,

    /// <summary>The candidate state (Keras "h", Core ML "o" / output gate, PyTorch "n").</summary>
    Candidate,
}

/// <summary>
/// The order of the three gate blocks (each <c>units</c> wide) along the last axis of the GRU's kernel,
/// recurrent kernel and biases. Weights are never reordered; the kernel reads each gate's block where this says it is.
/// </summary>
public readonly record struct GruGateOrder
{
    // Block index of each gate, two bits per gate, stored XOR the Keras order so that default(...) is the Keras order
    // rather than an invalid all-zero one.
    private const int KerasPacked = 36;
    private readonly int _packed;

    /// <summary>The order of the blocks, first to last; must name each gate exactly once.</summary>
    public GruGateOrder(GruGate first, GruGate second, GruGate third)
    {
        GruGate[] order = [first, second, third];
        var packed = 0;
        for (var block = 0; block < 3; block++)
        {
            var gate = order[block];
            if (gate is < GruGate.Update or > GruGate.Candidate || Array.IndexOf(order, gate) != block)
            {
                throw new ArgumentException($"A GRU gate order must name z, r and the candidate once each; got {string.Join(", ", order)}.");
            }
            packed |= block << (2 * (int)gate);
        }
        _packed = packed ^ KerasPacked;
    }

    /// <summary>Keras (1, 2, 3 and tf.keras): z, r, h (see keras/src/layers/rnn/gru.py, the kernel's column blocks).</summary>
    public static GruGateOrder Keras => new(GruGate.Update, GruGate.Reset, GruGate.Candidate);

    /// <summary>Core ML ML Program (MIL <c>gru</c> op): reset, output (candidate), update: <c>weight_ih = [W_ir | W_io | W_iz]</c>.</summary>
    public static GruGateOrder CoreMLProgram => new(GruGate.Reset, GruGate.Candidate, GruGate.Update);

    /// <summary>Core ML NeuralNetwork's GRULayerParams field order: update, reset, output (one matrix per gate in the file).</summary>
    public static GruGateOrder CoreMLNeuralNetwork => Keras;

    /// <summary>Index (0..2) of the block that holds <paramref name="gate"/>.</summary>
    public int BlockOf(GruGate gate) => ((_packed ^ KerasPacked) >> (2 * (int)gate)) & 3;

    /// <summary>The gates in block order.</summary>
    public GruGate[] ToArray()
    {
        var order = new GruGate[3];
        for (var g = GruGate.Update; g <= GruGate.Candidate; g++) order[BlockOf(g)] = g;
        return order;
    }

    public override string ToString() => string.Join(",", ToArray());
}
