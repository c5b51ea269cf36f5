using Parity.Engine.Tensors;
using Parity.Spec;
using Parity.Validation.Comparison;
using Parity.Validation.Reference;

namespace Parity.Validation;

/// <summary>
/// The library entry point for regression suites: a source model and its conversion loaded once, then checked on
/// seeded inputs or on inputs the caller gives (by converted input name: raw pixels for image inputs), each check
/// returning the same <see cref="ComparisonReport"/> `parity check` prints. See docs/library.md.
/// </summary>
public sealed class ParityCheck
{
    private readonly IReadOnlyList<string> _loadNotes;

    private ParityCheck(ExecutableModel source, ExecutableModel converted, ComparisonOptions options, IReadOnlyList<string> loadNotes)
    {
        Source = source;
        Converted = converted;
        Options = options;
        _loadNotes = loadNotes;
    }

    public ExecutableModel Source { get; }

    public ExecutableModel Converted { get; }

    /// <summary>The settings every check of this pair uses (tolerance, layers, preprocessing, roles...).</summary>
    public ComparisonOptions Options { get; }

    /// <summary>
    /// Loads <paramref name="sourcePath"/> and <paramref name="convertedPath"/>. <paramref name="sourcePreprocess"/> states
    /// what the source's pipeline does to raw pixels of each image input (<see cref="SourcePreprocessing.Modes"/>; null:
    /// the converted model's own scale and bias, RGB). A fully-convolutional source is re-read at the converted size.
    /// </summary>
    public static ParityCheck Load(string sourcePath, string convertedPath, ComparisonOptions? options = null, string? sourcePreprocess = null,
        ModelLoadOptions? sourceLoad = null)
    {
        options ??= new ComparisonOptions { RoleA = "source", RoleB = "converted" };
        var converted = ModelFiles.Load(convertedPath);
        Spec.CoreML.CoreMLFlexibleShapes.Validate(convertedPath, options.InputShapes);
        if (options.Preprocessing.Count == 0 && converted.ImageInputs.Count > 0)
        {
            options = options with { Preprocessing = converted.ImageInputs.ToDictionary(i => i.Key, i => SourcePreprocessing.For(sourcePreprocess, i.Value)) };
        }
        var (source, note) = SourceModels.LoadToFit(sourcePath, sourceLoad ?? new ModelLoadOptions(), converted, options);
        return new ParityCheck(source, converted, options, note is null ? [] : [note]);
    }

    /// <summary>A pair already loaded (e.g. built in memory); <paramref name="options"/> are used as given.</summary>
    public static ParityCheck FromModels(ExecutableModel source, ExecutableModel converted, ComparisonOptions options) =>
        new(source, converted, options, []);

    /// <summary>Checks <paramref name="samples"/> seeded inputs starting at <paramref name="seed"/>; the worst result per value is reported.</summary>
    public ComparisonReport CheckSeeded(int seed = 0, int samples = 1) => Compare(Options with { Seed = seed, Samples = samples });

    /// <summary>Checks one input: <paramref name="inputs"/> by converted input name (the caller keeps them); inputs not given are seeded.</summary>
    public ComparisonReport Check(IReadOnlyDictionary<string, Tensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Compare(Options with { GivenInputs = inputs, Samples = 1 });
    }

    /// <summary>Checks each input of <paramref name="inputs"/> in turn, one report per input.</summary>
    public IReadOnlyList<ComparisonReport> CheckMany(IEnumerable<IReadOnlyDictionary<string, Tensor>> inputs) => inputs.Select(Check).ToList();

    /// <summary>
    /// Checks the model at <paramref name="convertedPath"/> against tensors recorded from the source framework in
    /// <paramref name="sourceOutputs"/> (see <see cref="RecordedReference"/>), fed <paramref name="inputs"/> (or the
    /// folder's own input files when null).
    /// </summary>
    public static ComparisonReport CheckRecorded(string sourceOutputs, string convertedPath, IReadOnlyDictionary<string, Tensor>? inputs = null,
        ComparisonOptions? options = null)
    {
        var converted = ModelFiles.Load(convertedPath);
        options ??= new ComparisonOptions { RoleA = "source", RoleB = "converted" };
        if (inputs is not null) options = options with { GivenInputs = inputs };
        return ReferenceComparison.Compare(RecordedReference.Load(sourceOutputs, converted), converted, options);
    }

    private ComparisonReport Compare(ComparisonOptions options)
    {
        var report = ModelComparison.Compare(Source, Converted, options);
        return _loadNotes.Count == 0 ? report : report with { Notes = _loadNotes.Concat(report.Notes).ToList() };
    }
}
