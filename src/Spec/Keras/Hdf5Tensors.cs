using Parity.Engine.Tensors;
using PureHDF;

namespace Parity.Spec.Keras;

/// <summary>Reads an HDF5 dataset of floating-point weights into a float32 tensor, checking its size first.</summary>
internal static class Hdf5Tensors
{
    public static Tensor ReadFloat32(IH5Dataset dataset, long fileLength)
    {
        var dims = dataset.Space.Dimensions;
        var count = 1L;
        foreach (var d in dims)
        {
            count *= (long)d;
            if (count > Shape.MaxElements) throw new InvalidDataException($"dataset '{dataset.Name}' declares {string.Join("x", dims)} elements, more than a weight can hold.");
        }
        if (dataset.Type.Class != H5DataTypeClass.FloatingPoint)
        {
            throw new InvalidDataException($"dataset '{dataset.Name}' holds {dataset.Type.Class} values, expected floating-point weights.");
        }
        // Contiguous uncompressed weights cannot be larger than the file; a larger declaration is a corrupt header.
        if (dataset.Layout.Class == H5DataLayoutClass.Contiguous && count * dataset.Type.Size > fileLength)
        {
            throw new InvalidDataException($"dataset '{dataset.Name}' declares {count * dataset.Type.Size} bytes, more than the whole file ({fileLength} bytes).");
        }

        var shape = new Shape(dims.Select(d => checked((int)d)).ToArray());
        float[] values = dataset.Type.Size switch
        {
            4 => dataset.Read<float[]>(),
            8 => Array.ConvertAll(dataset.Read<double[]>(), v => (float)v),
            2 => Array.ConvertAll(dataset.Read<Half[]>(), v => (float)v),
            _ => throw new InvalidDataException($"dataset '{dataset.Name}' holds {dataset.Type.Size}-byte floats, expected 2, 4 or 8 bytes."),
        };
        if (values.Length != shape.ElementCount)
        {
            throw new InvalidDataException($"dataset '{dataset.Name}' gave {values.Length} values for shape {shape}.");
        }
        return Tensor.FromSpan<float>(values, shape);
    }
}
