using System.Globalization;
using System.Text;

namespace Parity.Engine.Tensors;

/// <summary>
/// The header of a .npy file: a Python dict literal such as
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>, padded with spaces and ended by a newline.
/// Parsed by a small strict parser that accepts exactly the literals NumPy writes.
/// </summary>
internal sealed record NpyHeader(string Descriptor, bool FortranOrder, long[] Dims)
{
    public static NpyHeader ForTensor(Tensor tensor) =>
        new(NpyDType.Descriptor(tensor.DType), false, tensor.Shape.ToArray().Select(d => (long)d).ToArray());

    public string Format()
    {
        var dims = Dims.Length == 1 ? $"({Dims[0]},)" : "(" + string.Join(", ", Dims) + ")";
        return $"{{'descr': '{Descriptor}', 'fortran_order': {(FortranOrder ? "True" : "False")}, 'shape': {dims}, }}";
    }

    public static NpyHeader Parse(string text, string source) => new Parser(text, source).ParseHeader();

    private sealed class Parser(string text, string source)
    {
        private int _at;

        public NpyHeader ParseHeader()
        {
            string? descriptor = null;
            bool? fortran = null;
            long[]? dims = null;
            Expect('{');
            while (true)
            {
                SkipSpace();
                if (Peek() == '}')
                {
                    _at++;
                    break;
                }
                var key = ParseString();
                Expect(':');
                SkipSpace();
                switch (key)
                {
                    case "descr" when descriptor is null:
                        if (Peek() == '[') throw Error("dtype is a structured (record) type; only plain numeric dtypes are supported");
                        descriptor = ParseString();
                        break;
                    case "fortran_order" when fortran is null:
                        fortran = ParseBool();
                        break;
                    case "shape" when dims is null:
                        dims = ParseTuple();
                        break;
                    default:
                        throw Error($"header key '{key}' is unknown or repeated; expected 'descr', 'fortran_order' and 'shape' once each");
                }
                SkipSpace();
                if (Peek() == ',') _at++;
                else if (Peek() != '}') throw Error($"expected ',' or '}}' after the value of '{key}'");
            }
            SkipSpace();
            if (_at != text.Length) throw Error("header has text after its closing '}'");
            if (descriptor is null || fortran is null || dims is null)
            {
                throw Error("header lacks one of 'descr', 'fortran_order', 'shape'");
            }
            return new NpyHeader(descriptor, fortran.Value, dims);
        }

        private string ParseString()
        {
            SkipSpace();
            var quote = Peek();
            if (quote is not ('\'' or '"')) throw Error("expected a quoted string");
            var end = text.IndexOf(quote, _at + 1);
            if (end < 0) throw Error("a string is not closed");
            var value = text[(_at + 1)..end];
            _at = end + 1;
            return value;
        }

        private bool ParseBool()
        {
            if (TryWord("True")) return true;
            if (TryWord("False")) return false;
            throw Error("expected True or False for 'fortran_order'");
        }

        /// <summary>A tuple of non-negative integers: (), (3,), (2, 3); Python 2 wrote longs as 3L.</summary>
        private long[] ParseTuple()
        {
            Expect('(');
            var dims = new List<long>();
            while (true)
            {
                SkipSpace();
                if (Peek() == ')')
                {
                    _at++;
                    return dims.ToArray();
                }
                var start = _at;
                while (_at < text.Length && char.IsAsciiDigit(text[_at])) _at++;
                if (start == _at) throw Error("shape holds something other than non-negative integers");
                if (!long.TryParse(text.AsSpan(start, _at - start), NumberStyles.None, CultureInfo.InvariantCulture, out var dim) || dim > int.MaxValue)
                {
                    throw Error($"shape dimension {text[start.._at]} is too large; at most {int.MaxValue} is supported");
                }
                if (Peek() == 'L') _at++;
                dims.Add(dim);
                SkipSpace();
                if (Peek() == ',') _at++;
                else if (Peek() != ')') throw Error("expected ',' or ')' in the shape");
            }
        }

        private bool TryWord(string word)
        {
            if (string.CompareOrdinal(text, _at, word, 0, word.Length) != 0) return false;
            _at += word.Length;
            return true;
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (Peek() != c) throw Error($"expected '{c}'");
            _at++;
        }

        private void SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at])) _at++;
        }

        private char Peek() => _at < text.Length ? text[_at] : '\0';

        private NpyFormatException Error(string problem)
        {
            var found = Peek() == '\0' ? "the end of the header" : $"'{Escape(text[_at..Math.Min(text.Length, _at + 20)])}'";
            return new NpyFormatException(source, $"{problem} (at header offset {_at}, found {found}); header was \"{Escape(text)}\".");
        }

        private static string Escape(string s)
        {
            var b = new StringBuilder(s.Length);
            foreach (var c in s.Length > 200 ? s[..200] + "..." : s)
            {
                b.Append(char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString());
            }
            return b.ToString();
        }
    }
}
