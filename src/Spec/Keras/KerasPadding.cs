namespace Parity.Spec.Keras;

/// <summary>Explicit pads for a Keras layer's padding mode, by the rule of the backend that trained it.</summary>
internal static class KerasPadding
{
    /// <summary>
    /// TensorFlow's rule (<see cref="TensorFlowPadding"/>) except for Theano's "same", which pads
    /// dilation * (kernel - 1) / 2 on both sides (Theano's border_mode "half"); Theano had no "same" for even kernels.
    /// </summary>
    public static (int Before, int After) Pads(KerasLayerContext context, string mode, int input, int kernel, int stride, int dilation)
    {
        if (mode == "same" && context.File.IsTheano)
        {
            var span = dilation * (kernel - 1);
            if (span % 2 != 0) throw context.Args.Error($"padding 'same' with an even kernel ({kernel}) has no Theano definition.");
            return (span / 2, span / 2);
        }
        try
        {
            return TensorFlowPadding.Pads(mode, input, kernel, stride, dilation);
        }
        catch (ArgumentException e)
        {
            throw context.Args.Error(e.Message);
        }
    }

    /// <summary>The padding mode under its Keras 2 name ("padding") or Keras 1 name ("border_mode").</summary>
    public static string Mode(KerasLayerContext context) => context.Args.String("valid", "padding", "border_mode");
}
