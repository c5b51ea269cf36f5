namespace Parity.Engine.Kernels;

/// <summary>Element-wise activation functions. Parameters live in <see cref="Activation"/>.</summary>
public enum ActivationKind
{
    /// <summary>alpha * x + beta (identity with the defaults 1, 0).</summary>
    Linear,
    Relu,
    /// <summary>min(max(x, 0), 6).</summary>
    Relu6,
    /// <summary>x if x &gt;= 0 else alpha * x.</summary>
    LeakyRelu,
    /// <summary>x if x &gt; 0 else alpha * (exp(x) - 1).</summary>
    Elu,
    /// <summary>scale * (x if x &gt; 0 else alpha * (exp(x) - 1)) with the SELU constants.</summary>
    Selu,
    /// <summary>log(1 + exp(x)).</summary>
    Softplus,
    /// <summary>alpha * log(1 + exp(beta * x)) (Core ML's parametric softplus, per-channel in Core ML).</summary>
    ParametricSoftplus,
    /// <summary>x / (1 + |x|).</summary>
    Softsign,
    Sigmoid,
    /// <summary>clip(alpha * x + beta, 0, 1). Keras 2: alpha 0.2, beta 0.5; Keras 3: alpha 1/6, beta 0.5.</summary>
    HardSigmoid,
    Tanh,
    /// <summary>alpha * tanh(beta * x).</summary>
    ScaledTanh,
    /// <summary>x * sigmoid(x).</summary>
    Swish,
    /// <summary>x * Phi(x) with the exact Gaussian CDF.</summary>
    Gelu,
    /// <summary>The tanh approximation of GELU.</summary>
    GeluTanh,
    /// <summary>The sigmoid approximation of GELU: x * sigmoid(1.702 x).</summary>
    GeluSigmoid,
    Exponential,
    /// <summary>x if x &gt; alpha else 0.</summary>
    ThresholdedRelu,
    /// <summary>MIL clamped_relu: leaky relu with slope alpha, clipped above at beta.</summary>
    ClampedRelu,
}

/// <summary>An activation with its parameters; also the "fused activation" of conv and dense kernels.</summary>
public readonly record struct Activation(ActivationKind Kind, float Alpha = 1f, float Beta = 0f)
{
    public static Activation None => new(ActivationKind.Linear);

    public bool IsIdentity => Kind == ActivationKind.Linear && Alpha == 1f && Beta == 0f;
}
