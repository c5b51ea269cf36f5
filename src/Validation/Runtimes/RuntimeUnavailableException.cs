namespace Parity.Validation.Runtimes;

/// <summary>The chosen runtime cannot run on this machine; the message says why in one sentence and the CLI exits 2.</summary>
public sealed class RuntimeUnavailableException(string message) : Exception(message);
