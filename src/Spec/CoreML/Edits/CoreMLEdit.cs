using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.Edits;

/// <summary>
/// One change to a Core ML NeuralNetwork specification, the kind a corrected converter would have written: what it
/// changes (<paramref name="Kind"/>), in which layer or input (<paramref name="Target"/>), and in words (<paramref name="Change"/>).
/// </summary>
public sealed record CoreMLEdit(CoreMLEditKind Kind, string Target, string Change)
{
    /// <summary>Makes the change in a specification (a clone: the model as read is never changed).</summary>
    internal Action<Model> Apply { get; init; } = _ => throw new InvalidOperationException("An edit was made without a change to apply.");
}

/// <summary>The fields an edit changes: each is a classic place for a conversion mistake.</summary>
public enum CoreMLEditKind
{
    /// <summary>An image input's declared channel order (RGB vs BGR).</summary>
    ChannelOrder,

    /// <summary>An image input's channelScale.</summary>
    ImageScale,

    /// <summary>An image input's per-channel biases.</summary>
    ImageBias,

    /// <summary>A flatten layer's order (channels-first vs channels-last).</summary>
    FlattenOrder,

    /// <summary>Which side of a 'same'-padded convolution or pooling gets the odd extra row/column.</summary>
    PaddingAsymmetry,

    /// <summary>A softmaxND layer's axis.</summary>
    SoftmaxAxis,

    /// <summary>The order of an LSTM's or GRU's gate weight blocks.</summary>
    RecurrentGateOrder,

    /// <summary>An LSTM's or GRU's gate (recurrent) activation.</summary>
    RecurrentActivation,

    /// <summary>A bilinear upsample layer's coordinate convention.</summary>
    UpsampleCoordinates,

    /// <summary>A batchnorm layer's epsilon.</summary>
    BatchNormEpsilon,
}
