using System.Text.Json.Nodes;
using Parity.Engine.Kernels;

namespace Parity.Spec.Keras;

/// <summary>Keras activation names to engine activations, with each Keras era's own constants.</summary>
public static class KerasActivations
{
    /// <summary>
    /// The element-wise activation named <paramref name="name"/>, or null for "softmax"/"log_softmax" (not
    /// element-wise: the caller adds a softmax over the last axis). Unknown names are an error naming the layer.
    /// </summary>
    public static Activation? ElementWise(string name, int kerasMajorVersion, KerasLayerArgs layer) => name switch
    {
        "linear" or "" => Activation.None,
        "relu" => new Activation(ActivationKind.Relu),
        "relu6" => new Activation(ActivationKind.Relu6),
        "elu" => new Activation(ActivationKind.Elu, 1f),
        "selu" => new Activation(ActivationKind.Selu),
        "softplus" => new Activation(ActivationKind.Softplus),
        "softsign" => new Activation(ActivationKind.Softsign),
        "sigmoid" => new Activation(ActivationKind.Sigmoid),
        // Keras 1 and 2 (TF and Theano backends): clip(0.2x + 0.5); Keras 3: relu6(x + 3) / 6 = clip(x/6 + 0.5).
        "hard_sigmoid" => kerasMajorVersion >= 3
            ? new Activation(ActivationKind.HardSigmoid, 1f / 6f, 0.5f)
            : new Activation(ActivationKind.HardSigmoid, 0.2f, 0.5f),
        "tanh" => new Activation(ActivationKind.Tanh),
        "swish" or "silu" => new Activation(ActivationKind.Swish),
        // keras.activations.gelu defaults to approximate=False in tf.keras 2.4+ and Keras 3.
        "gelu" => new Activation(ActivationKind.Gelu),
        "exponential" => new Activation(ActivationKind.Exponential),
        // Keras 3's leaky_relu activation function uses negative_slope 0.2.
        "leaky_relu" => new Activation(ActivationKind.LeakyRelu, 0.2f),
        "softmax" or "log_softmax" => null,
        _ => throw layer.Error($"activation '{name}' is not a Keras built-in activation Parity knows."),
    };

    /// <summary>The activation a layer config names under <paramref name="key"/> (a string, or a Keras 3 serialized function object).</summary>
    public static string NameOf(KerasLayerArgs layer, string key, string fallback)
    {
        return layer.Find(key) switch
        {
            null => fallback,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o when o["config"] is JsonValue c && c.TryGetValue<string>(out var s) => s,
            JsonObject o when o["class_name"] is JsonValue c && c.TryGetValue<string>(out var s) => s,
            var other => throw layer.Fail([key], $"has {other.ToJsonString()}; expected an activation name"),
        };
    }
}
