namespace Parity.Spec.Keras;

/// <summary>One output of one call of a layer: Keras's (layer name, node index, tensor index) triple.</summary>
public readonly record struct KerasTensorRef(string Layer, int Node, int Tensor)
{
    public override string ToString() => Node == 0 && Tensor == 0 ? Layer : $"{Layer}[{Node}][{Tensor}]";
}
