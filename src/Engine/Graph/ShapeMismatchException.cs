namespace Parity.Engine.Graph;

/// <summary>Inputs whose dtypes or shapes an operator cannot accept; the message says what was found and what was expected.</summary>
public class ShapeMismatchException(string message) : Exception(message);
