namespace Parity.Engine.Tensors;

/// <summary>A .npy file that is malformed or uses a feature Parity does not read; the message names the file, what was found and what was expected.</summary>
public sealed class NpyFormatException(string sourceName, string problem)
    : FormatException($"{sourceName}: {problem}")
{
    /// <summary>The file path or stream name the bad data came from.</summary>
    public string SourceName { get; } = sourceName;
}
