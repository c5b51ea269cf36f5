namespace Parity.Engine.Kernels.Recurrent;

/// <summary>
/// One direction's LSTM weights, gate blocks in <see cref="LstmParameters.GateOrder"/>:
/// kernel W [features, 4 * units], recurrent kernel U [units, 4 * units], bias [4 * units] (empty = zeros),
/// peepholes [3 * units] ordered p_i, p_f, p_o (empty = no peepholes). Keras's forget-bias option is an initializer,
/// already inside the stored bias; Core ML's <c>forgetBias</c> flag is ignored by its runtime: neither is applied here.
/// </summary>
public readonly ref struct LstmWeights(ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> peepholes)
{
    public ReadOnlySpan<float> Kernel { get; } = kernel;
    public ReadOnlySpan<float> RecurrentKernel { get; } = recurrentKernel;
    public ReadOnlySpan<float> Bias { get; } = bias;
    public ReadOnlySpan<float> Peepholes { get; } = peepholes;

    internal void Validate(in RecurrentSequence s, string direction)
    {
        var gates = 4L * s.Units;
        RecurrentSequence.ExpectLength($"{direction}LSTM kernel [features, 4 * units]", Kernel.Length, s.Features * gates, allowEmpty: false);
        RecurrentSequence.ExpectLength($"{direction}LSTM recurrent kernel [units, 4 * units]", RecurrentKernel.Length, s.Units * gates, allowEmpty: false);
        RecurrentSequence.ExpectLength($"{direction}LSTM bias [4 * units]", Bias.Length, gates, allowEmpty: true);
        RecurrentSequence.ExpectLength($"{direction}LSTM peepholes [3 * units]", Peepholes.Length, 3L * s.Units, allowEmpty: true);
    }
}
