using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Features;
using Parity.Validation.Inputs;

namespace Parity.Validation.Runtimes.CoreML;

/// <summary>Seeded inputs for a Core ML model run on the device alone (`parity run --runtime coreml`), from its declared features.</summary>
public static class DeviceInputs
{
    /// <summary>
    /// One tensor per declared input not in <paramref name="given"/>, drawn like <see cref="RandomInputs"/> draws them;
    /// image inputs get whole-number pixels 0..255 (u in [0, 1) becomes floor(256 u)), which 8-bit pixel buffers hold exactly.
    /// </summary>
    public static Dictionary<string, Tensor> Random(IReadOnlyList<CoreMLFeature> inputs, int seed, IReadOnlyCollection<string> given)
    {
        var missing = inputs.Where(f => !given.Contains(f.Name)).ToList();
        var drawn = new RandomInputs(seed).Create(missing.Select(f => KeyValuePair.Create(f.Name, f.TensorType)));
        foreach (var image in missing.Where(f => f.Kind == FeatureKind.Image))
        {
            var unit = drawn[image.Name];
            var pixels = unit.Floats.ToArray().Select(u => MathF.Min(MathF.Floor(256 * u), 255)).ToArray();
            drawn[image.Name] = Tensor.FromSpan<float>(pixels, unit.Shape);
            unit.Dispose();
        }
        return drawn;
    }
}
