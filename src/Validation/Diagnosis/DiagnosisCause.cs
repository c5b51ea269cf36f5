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

/// <summary>The names reports use for causes, and the cause each kind of specification edit tests.</summary>
public static class DiagnosisCauses
{
    public static DiagnosisCause Of(Spec.CoreML.Edits.CoreMLEditKind kind) => kind switch
    {
        Spec.CoreML.Edits.CoreMLEditKind.ChannelOrder => DiagnosisCause.ChannelOrder,
        Spec.CoreML.Edits.CoreMLEditKind.ImageScale => DiagnosisCause.ImageScale,
        Spec.CoreML.Edits.CoreMLEditKind.ImageBias => DiagnosisCause.ImageBias,
        Spec.CoreML.Edits.CoreMLEditKind.FlattenOrder => DiagnosisCause.FlattenOrder,
        Spec.CoreML.Edits.CoreMLEditKind.PaddingAsymmetry => DiagnosisCause.PaddingAsymmetry,
        Spec.CoreML.Edits.CoreMLEditKind.SoftmaxAxis => DiagnosisCause.SoftmaxAxis,
        Spec.CoreML.Edits.CoreMLEditKind.RecurrentGateOrder => DiagnosisCause.RecurrentGateOrder,
        Spec.CoreML.Edits.CoreMLEditKind.RecurrentActivation => DiagnosisCause.RecurrentActivation,
        Spec.CoreML.Edits.CoreMLEditKind.UpsampleCoordinates => DiagnosisCause.UpsampleCoordinates,
        Spec.CoreML.Edits.CoreMLEditKind.BatchNormEpsilon => DiagnosisCause.BatchNormEpsilon,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No diagnosis cause is defined for this edit kind."),
    };

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
