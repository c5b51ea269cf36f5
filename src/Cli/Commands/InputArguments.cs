using System.Globalization;
using Parity.Engine.Tensors;
using Parity.Spec;
using Parity.Validation.Inputs;

namespace Parity.Cli.Commands;

/// <summary>Parses repeated --input NAME=FILE (.npy or a picture) and --shape NAME=1x3x224x224 options, keyed by input name.</summary>
internal static class InputArguments
{
    /// <summary>.npy inputs for `parity run` (the model may still leave sizes open, so pictures have no shape to take).</summary>
    public static Dictionary<string, Tensor> Read(IEnumerable<string> arguments, IReadOnlyCollection<string> knownInputs)
    {
        var result = new Dictionary<string, Tensor>();
        foreach (var (name, file) in Parse(arguments, knownInputs))
        {
            if (!file.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"--input {name}={file}: `parity run` reads NumPy .npy files{(ImageFiles.IsImage(file) ? "; pictures are read by `parity check`" : "")}.");
            }
            result[name] = InputFiles.ReadNpy(name, file);
        }
        return result;
    }

    /// <summary>
    /// Inputs of <paramref name="model"/> read from files: .npy as stored, pictures as raw pixels in the input's layout,
    /// size (<paramref name="shapes"/> when chosen there) and channel order, resized only when <paramref name="resize"/>.
    /// </summary>
    public static Dictionary<string, Tensor> Read(IEnumerable<string> arguments, ExecutableModel model, IReadOnlyDictionary<string, Shape> shapes, bool resize)
    {
        var result = new Dictionary<string, Tensor>();
        foreach (var (name, file) in Parse(arguments, model.Graph.Inputs.Select(i => i.Name).ToList()))
        {
            var declared = model.Graph.Inputs.First(i => i.Name == name).Type;
            var type = shapes.TryGetValue(name, out var shape) ? new TensorType(declared.DType, shape) : declared;
            result[name] = InputFiles.Read(name, file, type, model.ImageInputs.GetValueOrDefault(name), resize);
        }
        return result;
    }

    /// <summary>--shape NAME=1x3x224x224 entries: the size a flexible-shape input is fed in.</summary>
    public static Dictionary<string, Shape> ReadShapes(IEnumerable<string> arguments, IReadOnlyCollection<string> knownInputs)
    {
        var result = new Dictionary<string, Shape>();
        foreach (var (name, text) in Parse(arguments, knownInputs, "--shape", "NAME=DxDx..."))
        {
            var dims = text.Split('x', ',').Select(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1).ToArray();
            if (dims.Length == 0 || dims.Any(d => d < 0)) throw new ArgumentException($"--shape {name}={text}: expected positive sizes separated by 'x', e.g. 1x3x224x224.");
            result[name] = new Shape(dims);
        }
        return result;
    }

    private static Dictionary<string, string> Parse(IEnumerable<string> arguments, IReadOnlyCollection<string> knownInputs, string option = "--input", string form = "NAME=FILE")
    {
        var result = new Dictionary<string, string>();
        foreach (var argument in arguments)
        {
            var eq = argument.IndexOf('=');
            if (eq <= 0 || eq == argument.Length - 1) throw new ArgumentException($"{option} '{argument}' is not {form}; the model's inputs are {string.Join(", ", knownInputs)}.");
            var (name, value) = (argument[..eq], argument[(eq + 1)..]);
            if (!knownInputs.Contains(name)) throw new ArgumentException($"{option} names '{name}', but the model's inputs are {string.Join(", ", knownInputs)}.");
            if (!result.TryAdd(name, value)) throw new ArgumentException($"{option} names input '{name}' twice.");
        }
        return result;
    }
}
