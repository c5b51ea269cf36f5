using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec;
using Parity.Validation.Comparison;

namespace Parity.Validation.Inputs;

/// <summary>
/// What the two models of a comparison are fed: B's inputs are the user's files where given and seeded random values
/// otherwise (drawn in B's declared shape, or the shape `--shape` chose); A gets the same data through the source
/// preprocessing, rearranged into its own layout and dtypes.
/// </summary>
public static class ComparisonInputs
{
    /// <summary>B's inputs with the shapes they are fed in: a given tensor's shape, else the chosen shape, else the declared one.</summary>
    public static IReadOnlyList<GraphInput> Effective(ExecutableModel b, ComparisonOptions options)
    {
        foreach (var name in options.GivenInputs.Keys.Concat(options.InputShapes.Keys))
        {
            if (b.Graph.Inputs.All(i => i.Name != name))
            {
                throw new ArgumentException($"An input or shape is given for '{name}', but the {options.RoleB} model's inputs are {string.Join(", ", b.Graph.Inputs.Select(i => i.Name))}.");
            }
        }
        return b.Graph.Inputs.Select(i => options.GivenInputs.TryGetValue(i.Name, out var given)
                ? i with { Type = new TensorType(i.Type.DType, given.Shape) }
                : options.InputShapes.TryGetValue(i.Name, out var shape) ? i with { Type = new TensorType(i.Type.DType, shape) } : i)
            .ToList();
    }

    /// <summary>Sample <paramref name="sample"/>'s values for B's inputs, and the same data preprocessed and rearranged for A's.</summary>
    public static (Dictionary<string, Tensor> A, Dictionary<string, Tensor> B) Feed(ExecutableModel a, ExecutableModel b,
        IReadOnlyList<InputPairing> inputs, ComparisonOptions options, int sample)
    {
        var feedB = ForB(b, options, sample);
        var feedA = new Dictionary<string, Tensor>();
        foreach (var pairing in inputs)
        {
            var typeA = a.Graph.Inputs.First(i => i.Name == pairing.A).Type;
            feedA[pairing.A] = ForA(feedB[pairing.B], typeA, pairing, options);
        }
        return (feedA, feedB);
    }

    /// <summary>B's inputs for one sample: given tensors (cast to the declared dtype) and seeded values for the rest.</summary>
    public static Dictionary<string, Tensor> ForB(ExecutableModel b, ComparisonOptions options, int sample)
    {
        var effective = Effective(b, options);
        var seeded = effective.Where(i => !options.GivenInputs.ContainsKey(i.Name)).Select(i => KeyValuePair.Create(i.Name, i.Type));
        var feed = new RandomInputs(options.Seed + sample).Create(seeded, b.IndexCount);
        foreach (var (name, prep) in options.Preprocessing)
        {
            if (options.GivenInputs.ContainsKey(name)) continue;
            if (!feed.TryGetValue(name, out var unit)) throw new ArgumentException($"Preprocessing is given for input '{name}', but the {options.RoleB} model's inputs are {string.Join(", ", effective.Select(i => i.Name))}.");
            if (!unit.DType.IsFloatingPoint()) continue;
            // RandomInputs draws Low + (High - Low) * u; from the default [0, 1) the same u gives [prep.Low, prep.High).
            using var u = unit.ToFloat32();
            var scaled = u.Floats.ToArray().Select(x => prep.Low + (prep.High - prep.Low) * x).ToArray();
            using var ranged = Tensor.FromSpan<float>(scaled, unit.Shape);
            feed[name] = ranged.CastFromFloat32(unit.DType);
            unit.Dispose();
        }
        foreach (var (name, given) in options.GivenInputs)
        {
            var dtype = effective.First(i => i.Name == name).Type.DType;
            var cast = InputFiles.CastTo(given, dtype);
            feed[name] = ReferenceEquals(cast, given) ? given.Clone() : cast;
        }
        return feed;
    }

    /// <summary>One of B's input values as A receives it: through the source preprocessing, then into A's layout and dtype.</summary>
    public static Tensor ForA(Tensor valueB, TensorType typeA, InputPairing pairing, ComparisonOptions options)
    {
        using var floats = valueB.ToFloat32();
        var prepared = options.Preprocessing.TryGetValue(pairing.B, out var p) ? p.ApplyForA(floats.Floats, valueB.Shape.Dims) : floats.Floats.ToArray();
        var data = LayoutTransforms.Apply(prepared, valueB.Shape, pairing.Layout);
        using var arranged = Tensor.FromSpan<float>(data, typeA.Shape);
        return arranged.CastFromFloat32(typeA.DType);
    }

    /// <summary>The report's notes on where the inputs came from and what was done to them on each side.</summary>
    public static IEnumerable<string> Notes(IReadOnlyList<InputPairing> inputs, ComparisonOptions options)
    {
        var seeds = options.Samples == 1 ? $"seed {options.Seed}" : $"seeds {options.Seed}..{options.Seed + options.Samples - 1}";
        var given = options.GivenInputs.Keys.Order(StringComparer.Ordinal).ToList();
        yield return given.Count == 0
            ? $"Inputs: seeded random values ({seeds}) drawn for {options.RoleB}'s declared inputs and fed to both models."
            : $"Inputs: {string.Join(", ", given.Select(n => $"'{n}'"))} from the given file(s)"
              + (inputs.Count > given.Count ? $"; the others seeded random values ({seeds})" : "") + ", fed to both models.";
        foreach (var (name, shape) in options.InputShapes) yield return $"{options.RoleB} input '{name}' was fed in the chosen shape {shape}.";
        foreach (var p in inputs.Where(p => p.Layout is LayoutTransform.ChannelsFirstToLast or LayoutTransform.ChannelsLastToFirst))
        {
            yield return $"Layout transform applied: {options.RoleB} input '{p.B}' {p.BType} fed to {options.RoleA} input '{p.A}' {p.AType} as {LayoutTransforms.Describe(p.Layout)}.";
        }
        foreach (var (name, prep) in options.Preprocessing)
        {
            var values = options.GivenInputs.ContainsKey(name) ? "the given values" : $"raw values in [{prep.Low}, {prep.High})";
            yield return prep.IsIdentity
                ? $"{options.RoleB} input '{name}' and its {options.RoleA} counterpart get {(options.GivenInputs.ContainsKey(name) ? "the given values" : $"values in [{prep.Low}, {prep.High})")}."
                : $"{options.RoleB} input '{name}' gets {values}; {options.RoleA} gets them preprocessed: {prep.Description}.";
        }
    }
}
