namespace Parity.Spec;

/// <summary>
/// A model file that cannot be read as its format requires. Shared by every reader: it names the
/// file, where inside it the problem sits (a layer, a field, a package entry) and what was wrong.
/// </summary>
public sealed class ModelFormatException : Exception
{
    /// <summary>Creates the exception; the message reads "FILE: LOCATION: PROBLEM" (location left out when null).</summary>
    public ModelFormatException(string file, string? location, string problem, Exception? innerException = null)
        : base(Compose(file, location, problem), innerException)
    {
        File = file;
        Location = location;
        Problem = problem;
    }

    /// <summary>The file (or package directory) being read, as the caller named it.</summary>
    public string File { get; }

    /// <summary>Where inside the file: e.g. "layer 'conv1' (convolution)", "Manifest.json: rootModelIdentifier"; null for the file as a whole.</summary>
    public string? Location { get; }

    /// <summary>What was wrong, without the file and location prefix.</summary>
    public string Problem { get; }

    private static string Compose(string file, string? location, string problem) =>
        location is null ? $"{file}: {problem}" : $"{file}: {location}: {problem}";
}
