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

    /// <summary>
    /// One axis of a Keras/TensorFlow transposed convolution. <c>Output</c> is the length Keras asks conv_transpose for
    /// (conv_utils.deconv_output_length): valid in * stride + max(k - stride, 0), same in * stride, or with output_padding p
    /// (in - 1) * stride + k - 2 * (k / 2) + p, k being the dilated kernel. TensorFlow computes it as the gradient of a
    /// convolution of that input length, so the full (in - 1) * stride + k result is cropped by the forward convolution's
    /// pads (same: max(full - Output, 0), the smaller half first) and, when Output is longer, followed by <c>Extra</c>
    /// cells that no input reaches (bias only).
    /// </summary>
    public static (int Output, int CropBefore, int CropAfter, int Extra) Transposed(string mode, int input, int kernel, int stride, int dilation, int? outputPadding)
    {
        var effective = (kernel - 1) * dilation + 1;
        var output = (mode, outputPadding) switch
        {
            ("valid", null) => input * stride + Math.Max(effective - stride, 0),
            ("same", null) => input * stride,
            ("valid", { } p) => (input - 1) * stride + effective + p,
            ("same", { } p) => (input - 1) * stride + effective - 2 * (effective / 2) + p,
            _ => throw new ArgumentException($"padding '{mode}' is not one of valid, same for a transposed convolution."),
        };
        var full = (input - 1) * stride + effective;
        var total = mode == "same" ? Math.Max(full - output, 0) : 0;
        return (output, total / 2, total - total / 2, output - (full - total));
    }

    private static (int, int) Same(int input, int kernel, int stride, int dilation)
    {
        var output = (input + stride - 1) / stride;
        var effectiveKernel = (kernel - 1) * dilation + 1;
        var total = Math.Max((output - 1) * stride + effectiveKernel - input, 0);
        return (total / 2, total - total / 2);
    }
}
