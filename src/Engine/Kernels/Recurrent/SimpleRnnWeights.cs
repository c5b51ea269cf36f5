namespace Parity.Engine.Kernels.Recurrent;

/// <summary>One direction's weights: kernel W [features, units], recurrent kernel U [units, units], bias [units] (empty = zeros).</summary>
public readonly ref struct SimpleRnnWeights(ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias)
{
    public ReadOnlySpan<float> Kernel { get; } = kernel;
    public ReadOnlySpan<float> RecurrentKernel { get; } = recurrentKernel;
    public ReadOnlySpan<float> Bias { get; } = bias;

    internal void Validate(in RecurrentSequence s, string direction)
    {
        RecurrentSequence.ExpectLength($"{direction}SimpleRNN kernel [features, units]", Kernel.Length, (long)s.Features * s.Units, allowEmpty: false);
        RecurrentSequence.ExpectLength($"{direction}SimpleRNN recurrent kernel [units, units]", RecurrentKernel.Length, (long)s.Units * s.Units, allowEmpty: false);
        RecurrentSequence.ExpectLength($"{direction}SimpleRNN bias [units]", Bias.Length, s.Units, allowEmpty: true);
    }
}
