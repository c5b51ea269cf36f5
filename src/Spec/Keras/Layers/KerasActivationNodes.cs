using Parity.Engine.Kernels;
using Parity.Engine.Ops.Elementwise;

namespace Parity.Spec.Keras.Layers;

/// <summary>Adds a Keras activation by name after a layer's main operation, or says it can be fused into it.</summary>
internal static class KerasActivationNodes
{
    /// <summary>The activation a layer names under "activation", split into a fusable element-wise part and a softmax flag.</summary>
    public static (Activation Fused, string? Softmax) Read(KerasLayerContext context, string key = "activation", string fallback = "linear")
    {
        var name = KerasActivations.NameOf(context.Args, key, fallback);
        return KerasActivations.ElementWise(name, context.KerasMajorVersion, context.Args) is { } fused
            ? (fused, null)
            : (Activation.None, name);
    }

    /// <summary>
    /// Emits <paramref name="main"/> (which fuses the element-wise part) and, for softmax activations, a softmax over
    /// the last axis; the layer's own value is always the last node's.
    /// </summary>
    public static string Finish(KerasLayerContext context, string? softmax, Func<string, string> main)
    {
        if (softmax is null) return main("");
        var linear = main("linear");
        return context.Emit("", new AxisSoftmax(-1, log: softmax == "log_softmax"), linear);
    }
}
