using Parity.Validation.Comparison;

namespace Parity.Validation.Diagnosis;

/// <summary>One matched value's error when the converted model computes in fp16 and when the same model computes in fp32.</summary>
public sealed record PrecisionRow(string A, string B, double Fp16MaxAbs, double Fp16MaxRel, bool Fp16Agrees, double Fp32MaxAbs, double Fp32MaxRel, bool Fp32Agrees);

/// <summary>
/// The fp16 run beside an fp32 run of the same converted model, value by value: an error that stays in the fp32 run is
/// the conversion's; one that vanishes is fp16 rounding.
/// </summary>
public sealed record PrecisionComparison(IReadOnlyList<PrecisionRow> Rows)
{
    /// <summary>Pairs the values of the two reports by the source's value name; values only one run matched are left out.</summary>
    public static PrecisionComparison From(ComparisonReport fp16, ComparisonReport fp32)
    {
        var byName = fp32.Pairs.GroupBy(p => p.A).ToDictionary(g => g.Key, g => g.First());
        return new PrecisionComparison(fp16.Pairs.Where(p => byName.ContainsKey(p.A)).Select(p =>
        {
            var q = byName[p.A];
            return new PrecisionRow(p.A, p.B, p.Metrics.MaxAbsError, p.Metrics.MaxRelError, p.Verdict == PairVerdict.Agrees,
                q.Metrics.MaxAbsError, q.Metrics.MaxRelError, q.Verdict == PairVerdict.Agrees);
        }).ToList());
    }
}
