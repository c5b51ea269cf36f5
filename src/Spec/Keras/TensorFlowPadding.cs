namespace Parity.Spec.Keras;

/// <summary>Explicit pads for Keras/TensorFlow padding modes along one spatial axis.</summary>
public static class TensorFlowPadding
{
    /// <summary>
    /// (before, after) pads for <paramref name="mode"/> "valid", "same" or "causal". TensorFlow's "same" makes the
    /// output ceil(input / stride) long and puts the odd extra pad at the end (bottom/right); "causal" pads only
    /// the start by dilation * (kernel - 1).
    /// </summary>
    public static (int Before, int After) Pads(string mode, int input, int kernel, int stride, int dilation) => mode switch
    {
        "valid" => (0, 0),
        "same" => Same(input, kernel, stride, dilation),
        "causal" => (dilation * (kernel - 1), 0),
        _ => throw new ArgumentException($"padding '{mode}' is not one of valid, same, causal."),
    };

    private static (int, int) Same(int input, int kernel, int stride, int dilation)
    {
        var output = (input + stride - 1) / stride;
        var effectiveKernel = (kernel - 1) * dilation + 1;
        var total = Math.Max((output - 1) * stride + effectiveKernel - input, 0);
        return (total / 2, total - total / 2);
    }
}
