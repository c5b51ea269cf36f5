using Parity.Spec;
using Parity.Validation.Comparison;

namespace Parity.Validation.Diagnosis;

/// <summary>What a conversion check knows beyond the comparison options: how the user stated things, and the diagnosis budget.</summary>
public sealed record DiagnosisSettings
{
    /// <summary>True when the user chose the tolerance; otherwise an fp16 converted model gets the fp16 profile.</summary>
    public bool ToleranceGiven { get; init; }

    /// <summary>The source's class names in its output index order (`--labels FILE`), and that file's name.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    public string? LabelsFile { get; init; }

    /// <summary>
    /// The source pipeline for a converted image input, recomputed when a hypothesis changes the converted input's
    /// declaration (a flipped channel order changes whether pixels are reversed for the source); null keeps the options' preprocessing.
    /// </summary>
    public Func<ImageInput, InputPreprocessing>? SourcePreprocessing { get; init; }

    /// <summary>Most comparisons a diagnosis re-runs; hypotheses beyond it are counted as not tried.</summary>
    public int MaxReruns { get; init; } = 16;
}
