namespace Parity.Engine.Kernels.Recurrent;

/// <summary>
/// One direction's GRU weights, gate blocks in <see cref="GruParameters.GateOrder"/>: kernel W [features, 3 * units],
/// recurrent kernel U [units, 3 * units], input bias b [3 * units] and recurrent bias b_r [3 * units] (each empty =
/// zeros). Keras reset_after stores its bias as [2, 3 * units]: row 0 is the input bias, row 1 the recurrent bias.
/// </summary>
public readonly ref struct GruWeights(ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> recurrentBias)
{
    public ReadOnlySpan<float> Kernel { get; } = kernel;
    public ReadOnlySpan<float> RecurrentKernel { get; } = recurrentKernel;
    public ReadOnlySpan<float> Bias { get; } = bias;
    public ReadOnlySpan<float> RecurrentBias { get; } = recurrentBias;

    internal void Validate(in RecurrentSequence s, string direction)
    {
        var gates = 3L * s.Units;
        RecurrentSequence.ExpectLength($"{direction}GRU kernel [features, 3 * units]", Kernel.Length, s.Features * gates, allowEmpty: false);
        RecurrentSequence.ExpectLength($"{direction}GRU recurrent kernel [units, 3 * units]", RecurrentKernel.Length, s.Units * gates, allowEmpty: false);
        RecurrentSequence.ExpectLength($"{direction}GRU bias [3 * units]", Bias.Length, gates, allowEmpty: true);
        RecurrentSequence.ExpectLength($"{direction}GRU recurrent bias [3 * units]", RecurrentBias.Length, gates, allowEmpty: true);
    }
}
