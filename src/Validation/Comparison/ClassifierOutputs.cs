namespace Parity.Validation.Comparison;

/// <summary>
/// Recognizes classifier-like outputs (rows of non-negative values summing to 1 along the last axis) and measures
/// whether both models rank the classes alike: the share of rows with the same top class and with the same top-5 set.
/// </summary>
public static class ClassifierOutputs
{
    /// <summary>Null when <paramref name="a"/> does not look like probabilities over at least two classes.</summary>
    public static ClassifierAgreement? Compare(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int classes)
    {
        if (classes < 2 || a.Length == 0 || a.Length % classes != 0 || a.Length != b.Length || !IsProbabilities(a, classes)) return null;
        int rows = a.Length / classes, top1 = 0, top5 = 0, firstA = 0, firstB = 0;
        var k = Math.Min(5, classes);
        for (var r = 0; r < rows; r++)
        {
            var rankA = Ranking(a.Slice(r * classes, classes));
            var rankB = Ranking(b.Slice(r * classes, classes));
            if (r == 0) (firstA, firstB) = (rankA[0], rankB[0]);
            if (rankA[0] == rankB[0]) top1++;
            if (rankA.Take(k).ToHashSet().SetEquals(rankB.Take(k))) top5++;
        }
        return new ClassifierAgreement(classes, (double)top1 / rows, (double)top5 / rows, firstA, firstB);
    }

    private static bool IsProbabilities(ReadOnlySpan<float> values, int classes)
    {
        for (var start = 0; start < values.Length; start += classes)
        {
            double sum = 0;
            foreach (var v in values.Slice(start, classes))
            {
                if (!(v >= 0 && v <= 1)) return false;
                sum += v;
            }
            if (Math.Abs(sum - 1) > 1e-3) return false;
        }
        return true;
    }

    // Class indices by descending score, ties by index so both sides rank equal scores alike.
    private static int[] Ranking(ReadOnlySpan<float> row)
    {
        var scores = row.ToArray();
        return Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
    }
}
