namespace Parity.Engine.Kernels.Recurrent;

/// <summary>The four LSTM gate roles.</summary>
public enum LstmGate
{
    /// <summary>i: how much of the candidate enters the cell.</summary>
    Input,

    /// <summary>f: how much of the previous cell is kept.</summary>
    Forget,

    /// <summary>The cell candidate (Keras "c", Core ML "z" / block input, PyTorch "g").</summary>
    Cell,

    /// <summary>o: how much of the activated cell becomes the output.</summary>
    Output,
}

/// <summary>
/// The order of the four gate blocks (each <c>units</c> wide) along the last axis of the LSTM's kernel,
/// recurrent kernel and bias. Weights are never reordered; the kernel reads each gate's block where this says it is.
/// </summary>
public readonly record struct LstmGateOrder
{
    // Block index of each gate, two bits per gate, stored XOR the Keras order so that default(...) is the Keras order
    // rather than an invalid all-zero one.
    private const int KerasPacked = 228;
    private readonly int _packed;

    /// <summary>The order of the blocks, first to last; must name each gate exactly once.</summary>
    public LstmGateOrder(LstmGate first, LstmGate second, LstmGate third, LstmGate fourth)
    {
        LstmGate[] order = [first, second, third, fourth];
        var packed = 0;
        for (var block = 0; block < 4; block++)
        {
            var gate = order[block];
            if (gate is < LstmGate.Input or > LstmGate.Output || Array.IndexOf(order, gate) != block)
            {
                throw new ArgumentException($"An LSTM gate order must name i, f, c and o once each; got {string.Join(", ", order)}.");
            }
            packed |= block << (2 * (int)gate);
        }
        _packed = packed ^ KerasPacked;
    }

    /// <summary>Keras / TensorFlow / tf.keras: i, f, c, o (see keras/src/layers/rnn/lstm.py, the kernel's column blocks).</summary>
    public static LstmGateOrder Keras => new(LstmGate.Input, LstmGate.Forget, LstmGate.Cell, LstmGate.Output);

    /// <summary>Core ML ML Program (MIL <c>lstm</c> op): input, forget, output, cell ("ifoz layout" in coremltools' op definition).</summary>
    public static LstmGateOrder CoreMLProgram => new(LstmGate.Input, LstmGate.Forget, LstmGate.Output, LstmGate.Cell);

    /// <summary>
    /// Core ML NeuralNetwork's LSTMWeightParams field order: input, forget, block input, output. The format stores
    /// one matrix per gate, so a reader may concatenate them in any order as long as it says which.
    /// </summary>
    public static LstmGateOrder CoreMLNeuralNetwork => Keras;

    /// <summary>Index (0..3) of the block that holds <paramref name="gate"/>.</summary>
    public int BlockOf(LstmGate gate) => ((_packed ^ KerasPacked) >> (2 * (int)gate)) & 3;

    /// <summary>The gates in block order.</summary>
    public LstmGate[] ToArray()
    {
        var order = new LstmGate[4];
        for (var g = LstmGate.Input; g <= LstmGate.Output; g++) order[BlockOf(g)] = g;
        return order;
    }

    public override string ToString() => string.Join(",", ToArray());
}
