using Parity.Engine.Tensors;

namespace Parity.Cli.Commands;

/// <summary>Parses repeated --input NAME=FILE.npy options into tensors keyed by input name.</summary>
internal static class InputArguments
{
    public static Dictionary<string, Tensor> Read(IEnumerable<string> arguments, IReadOnlyCollection<string> knownInputs)
    {
        var result = new Dictionary<string, Tensor>();
        foreach (var argument in arguments)
        {
            var eq = argument.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--input '{argument}' is not NAME=FILE; the model's inputs are {string.Join(", ", knownInputs)}.");
            var (name, file) = (argument[..eq], argument[(eq + 1)..]);
            if (!knownInputs.Contains(name)) throw new ArgumentException($"--input names '{name}', but the model's inputs are {string.Join(", ", knownInputs)}.");
            if (!file.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException($"--input {name}={file}: only NumPy .npy files are read so far.");
            try
            {
                result[name] = Npy.Read(file);
            }
            catch (NpyFormatException e)
            {
                throw new ArgumentException($"--input {name}={file}: {e.Message}", e);
            }
        }
        return result;
    }
}
