namespace Parity.Validation.Metrics;

/// <summary>
/// An element agrees when |actual - expected| &lt;= Absolute + Relative * |expected| (NumPy's isclose rule). The
/// named levels are shared by the test suite and `parity check --tolerance`.
/// </summary>
public sealed record Tolerance(string Name, double Absolute, double Relative)
{
    /// <summary>Bit-for-bit equality.</summary>
    public static Tolerance Exact { get; } = new("exact", 0, 0);

    /// <summary>Two float32 computations of the same math in different orders.</summary>
    public static Tolerance Fp32 { get; } = new("fp32", 1e-5, 1e-4);

    /// <summary>A float16 computation (Core ML ML Programs' default precision) against a float32 one: half has an 11-bit significand.</summary>
    public static Tolerance Fp16 { get; } = new("fp16", 1e-2, 1e-2);

    /// <summary>Weights quantized to 8 bits or fewer.</summary>
    public static Tolerance Quantized { get; } = new("quantized", 5e-2, 5e-2);

    public bool Accepts(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
        if (expected == actual) return true;
        if (double.IsInfinity(expected) || double.IsInfinity(actual)) return false;
        return Math.Abs(actual - expected) <= Absolute + Relative * Math.Abs(expected);
    }

    /// <summary>Parses "fp32", "fp16", "quantized", "exact" or "atol=A,rtol=R" (either part optional).</summary>
    public static Tolerance Parse(string text)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "fp32": return Fp32;
            case "fp16": return Fp16;
            case "quantized": return Quantized;
            case "exact": return Exact;
        }
        double atol = 0, rtol = 0;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !double.TryParse(kv[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                throw new ArgumentException($"Tolerance '{text}' is not understood: expected fp32, fp16, quantized, exact, or atol=A,rtol=R with non-negative numbers.");
            }
            switch (kv[0])
            {
                case "atol": atol = value; break;
                case "rtol": rtol = value; break;
                default: throw new ArgumentException($"Tolerance '{text}' names '{kv[0]}'; expected atol or rtol.");
            }
        }
        return new Tolerance($"atol={atol.ToString(System.Globalization.CultureInfo.InvariantCulture)},rtol={rtol.ToString(System.Globalization.CultureInfo.InvariantCulture)}", atol, rtol);
    }

    public override string ToString() => Name;
}
