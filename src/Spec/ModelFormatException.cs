namespace Parity.Spec;

/// <summary>
/// A model file that cannot be read as its format requires. <see cref="Location"/> names the layer, field or
/// dataset at fault (empty when the whole file is at fault); the message says what was found and what was expected.
/// </summary>
public class ModelFormatException : Exception
{
    public ModelFormatException(string file, string location, string problem, Exception? inner = null)
        : base(Compose(file, location, problem), inner)
    {
        File = file;
        Location = location;
        Problem = problem;
    }

    public string File { get; }

    public string Location { get; }

    public string Problem { get; }

    private static string Compose(string file, string location, string problem) =>
        string.IsNullOrEmpty(location) ? $"{file}: {problem}" : $"{file}: {location}: {problem}";
}
