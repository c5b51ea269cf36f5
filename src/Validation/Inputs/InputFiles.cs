using Parity.Engine.Tensors;
using Parity.Spec;

namespace Parity.Validation.Inputs;

/// <summary>
/// Reads a user's input file for one model input: a NumPy .npy as stored, or a picture as raw pixels laid out like the
/// input (<see cref="ImageFiles"/>). Errors name the input and the file.
/// </summary>
public static class InputFiles
{
    /// <param name="input">The input's name, for messages.</param>
    /// <param name="declared">The input's declared type; a picture takes its layout, size and channel count from it.</param>
    /// <param name="image">The input's image declaration, when it is a Core ML image input (gives the channel order).</param>
    /// <param name="resize">Resize a picture of another size instead of refusing it.</param>
    public static Tensor Read(string input, string path, TensorType declared, ImageInput? image = null, bool resize = false)
    {
        if (!File.Exists(path)) throw new ArgumentException($"--input {input}={path}: no such file.");
        if (ImageFiles.IsImage(path)) return ImageFiles.Read(path, declared.Shape, image?.ColorSpace == "BGR", resize);
        if (!path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"--input {input}={path}: expected a NumPy .npy file or a picture (.png, .jpg, .jpeg, .bmp, .tga, .gif).");
        }
        return ReadNpy(input, path);
    }

    /// <summary>A .npy file for input <paramref name="input"/>, as stored.</summary>
    public static Tensor ReadNpy(string input, string path)
    {
        try
        {
            return Npy.Read(path);
        }
        catch (Exception e) when (e is NpyFormatException or IOException)
        {
            throw new ArgumentException($"--input {input}={path}: {e.Message}", e);
        }
    }

    /// <summary><paramref name="value"/> in <paramref name="dtype"/> (a float64 .npy from NumPy's defaults becomes float32); the same tensor when it already is.</summary>
    public static Tensor CastTo(Tensor value, DType dtype)
    {
        if (value.DType == dtype) return value;
        using var floats = value.ToFloat32();
        return floats.CastFromFloat32(dtype);
    }
}
