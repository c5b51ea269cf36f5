namespace Parity.Engine.Kernels.Recurrent;

/// <summary>What a masked step emits as its output (states are always carried unchanged through masked steps).</summary>
public enum MaskedStepOutput
{
    /// <summary>The previous step's output, zeros before the first unmasked step (Keras's default).</summary>
    PreviousOutput,

    /// <summary>Zeros (Keras <c>zero_output_for_mask</c>, which Bidirectional sets on its layers when returning sequences).</summary>
    Zero,
}
