using Parity.Spec.CoreML.Edits;
using Parity.Validation.Comparison;

namespace Parity.Validation.Diagnosis;

/// <summary>
/// One suspected cause and the single change that would undo it: an edit of the converted specification (made on a
/// clone) and/or of the comparison's options (e.g. another precision). <paramref name="Layer"/> is the converted layer or
/// input the change touches.
/// </summary>
public sealed record Hypothesis(DiagnosisCause Cause, string Layer, string Change)
{
    public CoreMLEdit? Edit { get; init; }

    public Func<ComparisonOptions, ComparisonOptions>? AlterOptions { get; init; }

    /// <summary>The hypothesis that <paramref name="edit"/> undoes the conversion mistake of its kind.</summary>
    public static Hypothesis Of(CoreMLEdit edit) => new(DiagnosisCauses.Of(edit.Kind), edit.Target, edit.Change) { Edit = edit };
}
