namespace Parity.Spec;

/// <summary>A layer type or option Parity does not execute; the message names the file, the layer and the reason.</summary>
public class UnsupportedLayerException(string file, UnsupportedLayer layer)
    : Exception($"{file}: layer '{layer.Name}' ({layer.Type}) is not supported: {layer.Reason}")
{
    public string File { get; } = file;

    public UnsupportedLayer Layer { get; } = layer;
}
