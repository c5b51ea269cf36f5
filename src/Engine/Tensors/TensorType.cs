namespace Parity.Engine.Tensors;

/// <summary>The dtype and shape of a value, known before any data exists (used by shape inference).</summary>
public readonly record struct TensorType(DType DType, Shape Shape)
{
    public override string ToString() => $"{DType.ToString().ToLowerInvariant()}{Shape}";
}
