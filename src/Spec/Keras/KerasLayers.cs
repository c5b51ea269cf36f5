namespace Parity.Spec.Keras;

/// <summary>Builds the engine nodes for one call of one Keras layer and returns its output values in order.</summary>
public delegate IReadOnlyList<string> KerasLayerBuilder(KerasLayerContext context);

/// <summary>
/// The registry of Keras layer classes Parity executes, by class name (Keras 1 names included). One place to read
/// which layers are supported; the builders live in Layers/, one file per family.
/// </summary>
public static class KerasLayers
{
    private static readonly Dictionary<string, KerasLayerBuilder> Builders = new(StringComparer.Ordinal)
    {
    };

    public static IReadOnlyCollection<string> Supported => Builders.Keys;

    public static KerasLayerBuilder? Find(string className) => Builders.GetValueOrDefault(className);
}
