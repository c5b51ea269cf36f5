namespace Parity.Validation.Diagnosis;

/// <summary>The classic conversion mistakes a diagnosis tests, one hypothesis at a time.</summary>
public enum DiagnosisCause
{
    /// <summary>The converted image input declares the wrong channel order (RGB vs BGR).</summary>
    ChannelOrder,

    /// <summary>The converted model's image scale differs from the source pipeline's: wrong, missing, or applied twice.</summary>
    ImageScale,

    /// <summary>The converted model's per-channel image bias differs from the source pipeline's (e.g. red and blue swapped).</summary>
    ImageBias,

    /// <summary>A Flatten reads its input in the other order (channels-first vs channels-last).</summary>
    FlattenOrder,

    /// <summary>'same' padding puts the odd extra row/column on the other side.</summary>
    PaddingAsymmetry,

    /// <summary>A softmax normalizes along the wrong axis.</summary>
    SoftmaxAxis,

    /// <summary>An LSTM's or GRU's gate weight blocks are in another order than the layer expects.</summary>
    RecurrentGateOrder,

    /// <summary>An LSTM's or GRU's recurrent (gate) activation differs, e.g. sigmoid vs one of the hard_sigmoid variants.</summary>
    RecurrentActivation,

    /// <summary>A bilinear upsampling maps output pixels to input coordinates by another convention (align corners, half pixel).</summary>
    UpsampleCoordinates,

    /// <summary>A batch normalization uses another epsilon than the source.</summary>
    BatchNormEpsilon,

    /// <summary>The difference is float16 rounding (compute or weights), not a conversion mistake.</summary>
    Fp16Precision,

    /// <summary>The classifier's labels are not in the source's class order.</summary>
    LabelOrder,
}

/// <summary>The names reports use for causes.</summary>
public static class DiagnosisCauses
{
    /// <summary>A stable kebab-case name, e.g. "channel-order" (the JSON report's value).</summary>
    public static string Name(DiagnosisCause cause) => cause switch
    {
        DiagnosisCause.ChannelOrder => "channel-order",
        DiagnosisCause.ImageScale => "image-scale",
        DiagnosisCause.ImageBias => "image-bias",
        DiagnosisCause.FlattenOrder => "flatten-order",
        DiagnosisCause.PaddingAsymmetry => "padding-asymmetry",
        DiagnosisCause.SoftmaxAxis => "softmax-axis",
        DiagnosisCause.RecurrentGateOrder => "recurrent-gate-order",
        DiagnosisCause.RecurrentActivation => "recurrent-activation",
        DiagnosisCause.UpsampleCoordinates => "upsample-coordinates",
        DiagnosisCause.BatchNormEpsilon => "batchnorm-epsilon",
        DiagnosisCause.Fp16Precision => "fp16-precision",
        _ => "label-order",
    };
}
