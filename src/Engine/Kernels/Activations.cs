namespace Parity.Engine.Kernels;

/// <summary>Element-wise activation functions over spans (input and output may be the same span).</summary>
public static class Activations
{
    public static void Apply(Activation activation, ReadOnlySpan<float> input, Span<float> output)
    {
        if (activation.IsIdentity)
        {
            input.CopyTo(output);
            return;
        }
        Reference.Activations.Apply(activation, input, output);
    }
}
