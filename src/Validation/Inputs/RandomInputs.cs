using Parity.Engine.Tensors;

namespace Parity.Validation.Inputs;

/// <summary>
/// Seeded random tensors for model inputs: float inputs uniform in [Low, High) (default [0, 1): image-like and
/// activation-like data alike stay in the range models are trained on), integer inputs (token ids) uniform in [0, IntegerHigh).
/// The same seed and types always give the same values.
/// </summary>
public sealed record RandomInputs(int Seed = 0, float Low = 0f, float High = 1f, int IntegerHigh = 10)
{
    /// <summary>
    /// One tensor per input, in declaration order; each input draws from its own stream so adding an input keeps the
    /// others. Inputs for which <paramref name="indexCount"/> gives a count hold token ids: whole numbers in [0, count).
    /// </summary>
    public Dictionary<string, Tensor> Create(IEnumerable<KeyValuePair<string, TensorType>> inputs, Func<string, int?>? indexCount = null)
    {
        var result = new Dictionary<string, Tensor>();
        var index = 0;
        foreach (var (name, type) in inputs)
        {
            // Not HashCode.Combine: it is randomized per process, and runs must repeat.
            result[name] = Create(type, indexCount?.Invoke(name), new Random(unchecked(Seed * 1_000_003 + index++)));
        }
        return result;
    }

    private Tensor Create(TensorType type, int? indices, Random random)
    {
        var floats = new float[type.Shape.ElementCount];
        var integerHigh = indices ?? (type.DType.IsFloatingPoint() ? 0 : IntegerHigh);
        for (var i = 0; i < floats.Length; i++)
        {
            floats[i] = integerHigh > 0 ? random.Next(0, integerHigh) : Low + (High - Low) * random.NextSingle();
        }
        using var values = Tensor.FromSpan<float>(floats, type.Shape);
        return values.CastFromFloat32(type.DType);
    }
}
