using Parity.Engine.Tensors;
using Parity.Validation.Metrics;

namespace Parity.Validation.Comparison;

/// <summary>Which values a comparison checks.</summary>
public enum LayerScope
{
    /// <summary>Model outputs only.</summary>
    Outputs,

    /// <summary>Model outputs and every intermediate value that can be matched.</summary>
    All,
}

/// <summary>Settings of one comparison of model A (the reference, e.g. the source) with model B (e.g. the conversion).</summary>
public sealed record ComparisonOptions
{
    public Tolerance Tolerance { get; init; } = Tolerance.Fp32;

    /// <summary>Seed of the first sample; sample k uses Seed + k.</summary>
    public int Seed { get; init; }

    /// <summary>How many seeded inputs to run; the worst result per value is reported.</summary>
    public int Samples { get; init; } = 1;

    public LayerScope Layers { get; init; } = LayerScope.All;

    /// <summary>Input pairings the user fixed: A input name -> B input name.</summary>
    public IReadOnlyDictionary<string, string> InputMap { get; init; } = new Dictionary<string, string>();

    /// <summary>Per B input name: how its values are drawn and preprocessed for A (image inputs); others are uniform [0, 1) and fed alike.</summary>
    public IReadOnlyDictionary<string, InputPreprocessing> Preprocessing { get; init; } = new Dictionary<string, InputPreprocessing>();

    /// <summary>
    /// Inputs the user gave, by B input name: raw values (pixels for image inputs) that replace the seeded ones in every
    /// sample; A gets them through <see cref="Preprocessing"/>. The caller owns the tensors.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> GivenInputs { get; init; } = new Dictionary<string, Tensor>();

    /// <summary>Shapes chosen for B's flexible-shape inputs (`--shape`), by B input name; seeded inputs are drawn in them.</summary>
    public IReadOnlyDictionary<string, Shape> InputShapes { get; init; } = new Dictionary<string, Shape>();

    /// <summary>What the report calls the two models ("source"/"converted" for check, "A"/"B" for diff).</summary>
    public string RoleA { get; init; } = "A";

    public string RoleB { get; init; } = "B";

    /// <summary>Two values whose cosine similarity (after a layout transform) exceeds this are matched by value.</summary>
    public double ValueMatchCosine { get; init; } = 0.99;

    /// <summary>The precision model B computes in (`--precision`); null: the model's own <see cref="Parity.Spec.ExecutableModel.Precision"/>.</summary>
    public Parity.Engine.Graph.Precision? PrecisionB { get; init; }

    public void Validate()
    {
        if (Samples < 1) throw new ArgumentException($"--samples must be at least 1; got {Samples}.");
        if (ValueMatchCosine is <= 0 or > 1) throw new ArgumentException($"The value-match cosine threshold must be in (0, 1]; got {ValueMatchCosine}.");
    }
}
