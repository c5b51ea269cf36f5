using Parity.Engine.Tensors;

namespace Parity.Spec.Keras;

/// <summary>One stored weight of a Keras layer: its name as the file lists it (e.g. "conv2d_1/kernel:0") and its values.</summary>
public sealed record KerasWeight(string Name, Tensor Value)
{
    /// <summary>The name without the layer path and the ":0" suffix TF adds, e.g. "kernel".</summary>
    public string ShortName
    {
        get
        {
            var name = Name;
            var slash = name.LastIndexOf('/');
            if (slash >= 0) name = name[(slash + 1)..];
            var colon = name.LastIndexOf(':');
            return colon > 0 ? name[..colon] : name;
        }
    }
}
