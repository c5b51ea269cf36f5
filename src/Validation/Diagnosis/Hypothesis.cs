using Parity.Spec.CoreML.Format;
using Parity.Validation.Comparison;

namespace Parity.Validation.Diagnosis;

/// <summary>
/// One suspected cause and the single change that would undo it: an edit of the converted specification (applied to a
/// clone) and/or of the comparison's options (e.g. another precision). <paramref name="Layer"/> is the converted layer or
/// input the change touches.
/// </summary>
public sealed record Hypothesis(DiagnosisCause Cause, string Layer, string Change)
{
    public Action<Model>? AlterSpec { get; init; }

    public Func<ComparisonOptions, ComparisonOptions>? AlterOptions { get; init; }
}
