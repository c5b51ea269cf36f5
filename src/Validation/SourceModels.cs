using Parity.Engine.Graph;
using Parity.Spec;
using Parity.Validation.Comparison;
using Parity.Validation.Inputs;

namespace Parity.Validation;

/// <summary>
/// Reads the source model of a check so that it takes what the converted model is fed: a source declaring a fixed
/// input size that differs from the converted model's (a fully-convolutional network converted at another resolution,
/// or a `--shape` choice) is re-read at the converted size, and the report says so.
/// </summary>
public static class SourceModels
{
    /// <summary>The source model and, when it was re-read at another size, the note for the report.</summary>
    public static (ExecutableModel Model, string? Note) LoadToFit(string path, ModelLoadOptions load, ExecutableModel converted, ComparisonOptions options) =>
        Fit(ModelFiles.Load(path, load), path, load, converted, options);

    /// <summary>
    /// <see cref="LoadToFit"/> for a <paramref name="source"/> already read from <paramref name="path"/> with
    /// <paramref name="load"/>: the file is read again only when the source must take another size.
    /// </summary>
    public static (ExecutableModel Model, string? Note) Fit(ExecutableModel source, string path, ModelLoadOptions load, ExecutableModel converted, ComparisonOptions options)
    {
        var fed = ComparisonInputs.Effective(converted, options);
        var shapes = SourceInputShapes.ToFit(source.Graph.Inputs, fed);
        if (shapes.Count == 0 || ModelFiles.FormatOf(path) != ModelFormat.Keras) return (source, null);
        ExecutableModel resized;
        try
        {
            resized = ModelFiles.Load(path, load with { InputShapes = load.InputShapes.Concat(shapes.Where(s => !load.InputShapes.ContainsKey(s.Key))).ToDictionary() });
        }
        catch (Exception e) when (e is ModelFormatException or ShapeMismatchException or UnsupportedLayerException or ArgumentException)
        {
            return (source, null);
        }
        // A network that is not fully convolutional stops building where a fixed-size layer meets the new size.
        if (resized.Unsupported.Count > source.Unsupported.Count || resized.NotBuilt.Count > source.NotBuilt.Count) return (source, null);
        var changes = string.Join(", ", shapes.Select(s => $"'{s.Key}' {source.Graph.Inputs.First(i => i.Name == s.Key).Type.Shape} -> {s.Value}"));
        return (resized, $"The {options.RoleA} model declares a fixed input size but is fully convolutional; it was re-read at the size the {options.RoleB} model is fed: {changes}.");
    }
}
