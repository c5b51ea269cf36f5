using FsCheck;
using FsCheck.Fluent;
using Parity.Engine.Tensors;
using Parity.Spec;

namespace Parity.Testing;

/// <summary>What values one input may take: whole numbers (pixels, token ids) or any float, in [Low, High).</summary>
public sealed record InputDomain(float Low, float High, bool WholeNumbers)
{
    /// <summary>The value shrinking moves toward: zero when the domain holds it, else the nearest end.</summary>
    public float Neutral => Math.Clamp(0f, Low, WholeNumbers ? High - 1 : High);
}

/// <summary>
/// FsCheck generators of valid inputs for a model: each input in its declared shape and dtype (or a chosen shape),
/// image inputs as whole-number pixels 0..255, token-id inputs as whole numbers below the vocabulary
/// (<see cref="ExecutableModel.IndexCount"/>), other float inputs uniform in a range ([0, 1) unless told). Values
/// come from a generated seed, so large inputs cost no more than small ones, and are drawn in several patterns
/// (dense, sparse, constant) because conversion mistakes often hide in one of them. A failing input shrinks toward
/// zeros: fewer non-zero elements, then smaller magnitudes, so the counterexample FsCheck reports is near-minimal.
/// </summary>
public static class ModelInputs
{
    /// <summary>The domain of each input of <paramref name="model"/>; <paramref name="floatRange"/> overrides [0, 1) for plain float inputs.</summary>
    public static IReadOnlyDictionary<string, InputDomain> Domains(ExecutableModel model, (float Low, float High)? floatRange = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (low, high) = floatRange ?? (0f, 1f);
        if (!(low < high)) throw new ArgumentException($"The float range must have Low < High; got [{low}, {high}).");
        return model.Graph.Inputs.ToDictionary(i => i.Name, i =>
            model.IndexCount(i.Name) is { } count ? new InputDomain(0, count, true)
            : model.ImageInputs.ContainsKey(i.Name) ? new InputDomain(0, 256, true)
            : !i.Type.DType.IsFloatingPoint() ? new InputDomain(0, 10, true)
            : new InputDomain(low, high, false));
    }

    /// <summary>Generates inputs for <paramref name="model"/>; <paramref name="shapes"/> fixes the size of flexible-shape inputs.</summary>
    public static Gen<ModelInput> For(ExecutableModel model, (float Low, float High)? floatRange = null, IReadOnlyDictionary<string, Shape>? shapes = null)
    {
        var domains = Domains(model, floatRange);
        var types = model.Graph.Inputs.Select(i => (i.Name, Type: shapes is not null && shapes.TryGetValue(i.Name, out var s) ? new TensorType(i.Type.DType, s) : i.Type)).ToList();
        var perInput = types.Select(t =>
            from pattern in Gen.Elements(Pattern.Dense, Pattern.Dense, Pattern.Sparse, Pattern.Constant)
            from seed in Gen.Choose(0, int.MaxValue)
            select (t.Name, Value: new InputValue(t.Type.Shape, t.Type.DType, Fill(t.Type.Shape.ElementCount, domains[t.Name], pattern, seed))));
        return Gen.CollectToList(perInput).Select(values => new ModelInput(values.ToDictionary(v => v.Name, v => v.Value)));
    }

    /// <summary><see cref="For"/> with <see cref="Shrink"/> attached: pass it to <c>Prop.ForAll</c>.</summary>
    public static Arbitrary<ModelInput> Arbitrary(ExecutableModel model, (float Low, float High)? floatRange = null, IReadOnlyDictionary<string, Shape>? shapes = null)
    {
        var domains = Domains(model, floatRange);
        return Arb.From(For(model, floatRange, shapes), input => Shrink(input, domains));
    }

    /// <summary>
    /// Smaller inputs to try after <paramref name="input"/> failed, most aggressive first: one input set wholly to its
    /// neutral value, then half of its non-neutral elements reset (each half, down to single elements), then all its
    /// values halved toward neutral. Every candidate stays in the input's domain.
    /// </summary>
    public static IEnumerable<ModelInput> Shrink(ModelInput input, IReadOnlyDictionary<string, InputDomain> domains)
    {
        foreach (var (name, value) in input.Values)
        {
            var domain = domains[name];
            var active = Enumerable.Range(0, value.Data.Length).Where(i => value.Data[i] != domain.Neutral).ToArray();
            if (active.Length == 0) continue;
            yield return With(input, name, value, Reset(value.Data, active, domain));
            for (var chunk = (active.Length + 1) / 2; chunk >= 1 && active.Length > 1; chunk = chunk == 1 ? 0 : (chunk + 1) / 2)
            {
                for (var start = 0; start < active.Length; start += chunk)
                {
                    yield return With(input, name, value, Reset(value.Data, active[start..Math.Min(start + chunk, active.Length)], domain));
                }
            }
            var halved = value.Data.Select(x => Toward(x, domain)).ToArray();
            if (!halved.SequenceEqual(value.Data)) yield return With(input, name, value, halved);
        }
    }

    private enum Pattern
    {
        Dense,
        Sparse,
        Constant,
    }

    private static float[] Fill(int count, InputDomain domain, Pattern pattern, int seed)
    {
        var random = new Random(seed);
        var constant = Draw(random, domain);
        var data = new float[count];
        for (var i = 0; i < count; i++)
        {
            data[i] = pattern switch
            {
                Pattern.Constant => constant,
                Pattern.Sparse => random.NextDouble() < 0.1 ? Draw(random, domain) : domain.Neutral,
                _ => Draw(random, domain),
            };
        }
        return data;
    }

    private static float Draw(Random random, InputDomain domain) => domain.WholeNumbers
        ? random.Next((int)domain.Low, (int)domain.High)
        : domain.Low + (domain.High - domain.Low) * random.NextSingle();

    private static float[] Reset(float[] data, int[] indices, InputDomain domain)
    {
        var result = (float[])data.Clone();
        foreach (var i in indices) result[i] = domain.Neutral;
        return result;
    }

    // Halfway to neutral, kept whole for whole-number domains (a value one step away goes the whole way).
    private static float Toward(float x, InputDomain domain)
    {
        var half = domain.Neutral + (x - domain.Neutral) / 2;
        return domain.WholeNumbers ? MathF.Truncate(half) : Math.Abs(half - domain.Neutral) < 1e-6f ? domain.Neutral : half;
    }

    private static ModelInput With(ModelInput input, string name, InputValue value, float[] data)
    {
        var values = input.Values.ToDictionary();
        values[name] = value with { Data = data };
        return new ModelInput(values);
    }
}
