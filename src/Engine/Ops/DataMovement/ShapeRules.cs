using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>Input-count checks and the translation of kernel shape errors into <see cref="ShapeMismatchException"/> for ops.</summary>
internal static class ShapeRules
{
    public static void ExpectInputs(string kind, IReadOnlyList<TensorType> inputs, int count)
    {
        if (inputs.Count != count)
        {
            throw new ShapeMismatchException($"{kind} takes {count} input(s); got {inputs.Count}: {string.Join(", ", inputs)}.");
        }
    }

    /// <summary>Runs a kernel shape rule; its ArgumentException (which names the shapes) becomes a ShapeMismatchException for the op.</summary>
    public static Shape Infer(string kind, Func<Shape> rule)
    {
        try
        {
            return rule();
        }
        catch (ArgumentException e)
        {
            throw new ShapeMismatchException($"{kind}: {e.Message}");
        }
    }
}
