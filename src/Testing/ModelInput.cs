using System.Globalization;
using Parity.Engine.Tensors;

namespace Parity.Testing;

/// <summary>One input tensor's generated values, kept as plain floats so FsCheck can print and shrink them.</summary>
public sealed record InputValue(Shape Shape, DType DType, float[] Data)
{
    public Tensor ToTensor()
    {
        using var floats = Tensor.FromSpan<float>(Data, Shape);
        return floats.CastFromFloat32(DType);
    }

    public override string ToString()
    {
        var nonZero = Data.Count(x => x != 0);
        var max = Data.Length == 0 ? 0 : Data.Max(Math.Abs);
        return string.Create(CultureInfo.InvariantCulture, $"{DType}{Shape}: {nonZero} non-zero of {Data.Length}, max |x| {max:G6}");
    }
}

/// <summary>A generated value for every input of a model, by input name.</summary>
public sealed record ModelInput(IReadOnlyDictionary<string, InputValue> Values)
{
    /// <summary>The values as tensors for <c>ParityCheck.Check</c>; the caller disposes them.</summary>
    public Dictionary<string, Tensor> ToTensors() => Values.ToDictionary(kv => kv.Key, kv => kv.Value.ToTensor());

    /// <summary>Writes each input as NAME.npy into <paramref name="directory"/>, ready for `parity check --input NAME=FILE`.</summary>
    public void WriteNpy(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, value) in Values)
        {
            using var tensor = value.ToTensor();
            Npy.Write(Path.Combine(directory, name + ".npy"), tensor);
        }
    }

    public override string ToString() => string.Join("; ", Values.Select(kv => $"{kv.Key} {kv.Value}"));
}
