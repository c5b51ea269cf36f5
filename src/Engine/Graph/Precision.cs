namespace Parity.Engine.Graph;

/// <summary>The arithmetic precision a run models.</summary>
public enum Precision
{
    /// <summary>Plain float32 compute.</summary>
    Float32,

    /// <summary>
    /// Float32 compute with every float32 graph input and op result rounded to the nearest half, which models
    /// Core ML's FLOAT16 compute precision (each layer's result is stored as fp16 before the next reads it). Values the
    /// graph lists in <see cref="Graph.Float32Values"/> (layers a mixed-precision program keeps in fp32) are not rounded.
    /// </summary>
    Float16,
}
