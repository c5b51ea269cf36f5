using System.Globalization;

namespace Parity.Validation.Diagnosis;

/// <summary>A converted classifier label at <paramref name="Position"/> that the source puts at <paramref name="ExpectedPosition"/> (-1: the source has no such class).</summary>
public sealed record MisplacedLabel(string Label, int Position, int ExpectedPosition);

/// <summary>
/// The converted classifier's labels checked name by name against the source's class order. <paramref name="Basis"/> says
/// what the order was checked against: a --labels file, or the labels' own integer values (labels "0".."N-1").
/// </summary>
public sealed record LabelCheck(string Basis, int Count, IReadOnlyList<MisplacedLabel> Misplaced)
{
    public bool Agrees => Misplaced.Count == 0;
}

/// <summary>Checks class label order: a wrong order leaves every probability right and every predicted label wrong.</summary>
public static class LabelOrder
{
    /// <summary>
    /// Checks <paramref name="converted"/> against <paramref name="source"/> (one name per source output index, from
    /// <paramref name="sourceFile"/>); without a source, labels that are exactly the integers 0..N-1 are checked against
    /// their positions. Null when there is nothing to check against.
    /// </summary>
    public static LabelCheck? Check(IReadOnlyList<string> converted, IReadOnlyList<string>? source, string? sourceFile = null)
    {
        if (source is not null)
        {
            if (source.Count != converted.Count)
            {
                throw new ArgumentException($"--labels {sourceFile} lists {source.Count} labels; the converted classifier has {converted.Count}. Expected one class name per line, in the source output's index order.");
            }
            var expected = new Dictionary<string, int>();
            for (var i = 0; i < source.Count; i++)
            {
                if (!expected.TryAdd(source[i], i)) throw new ArgumentException($"--labels {sourceFile} lists '{source[i]}' twice (lines {expected[source[i]] + 1} and {i + 1}).");
            }
            var misplaced = converted.Select((label, i) => (label, i))
                .Where(x => !expected.TryGetValue(x.label, out var at) || at != x.i)
                .Select(x => new MisplacedLabel(x.label, x.i, expected.GetValueOrDefault(x.label, -1))).ToList();
            return new LabelCheck($"--labels {sourceFile}", converted.Count, misplaced);
        }
        var values = converted.Select(l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1).ToList();
        if (values.Any(v => v < 0 || v >= converted.Count) || values.Distinct().Count() != values.Count) return null;
        return new LabelCheck("integer labels 0..N-1 at their own positions", converted.Count,
            values.Select((v, i) => (v, i)).Where(x => x.v != x.i).Select(x => new MisplacedLabel(converted[x.i], x.i, x.v)).ToList());
    }

    /// <summary>Reads a labels file: one class name per line, blank lines at the end ignored.</summary>
    public static IReadOnlyList<string> Read(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"--labels {path} does not exist; expected a text file with one class name per line.");
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0) throw new ArgumentException($"--labels {path} is empty; expected one class name per line.");
        return lines;
    }
}
