using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Parity.Validation.Metrics;

/// <summary>
/// The running sums and extremes behind <see cref="ErrorMetrics"/> over a run of elements, fed block by block in
/// element order; runs computed apart join with <see cref="Append"/>. A block
/// whose elements are all finite goes through <see cref="Vector{T}"/> lanes (floats widened to double, so each
/// product and difference is exact as in the element-wise definition); any other block goes element by element.
/// </summary>
internal sealed class ErrorSums(Tolerance tolerance)
{
    /// <summary>Elements per block: small enough to stay in L1 when a block is rescanned for its worst element.</summary>
    public const int BlockLength = 1024;

    private const double Tiny = 1e-30;

    private double _maxAbs, _maxRel, _sumAbs, _sumSq, _dot, _normE, _normA, _expectedMax;
    private int _eNaN, _aNaN, _eInf, _aInf, _within, _finite, _worstFinite = -1, _firstNonFiniteMismatch = -1;
    private double _worstDiff = -1;

    /// <summary>The sums of elements <paramref name="offset"/>.. of a comparison, block by block.</summary>
    public static ErrorSums Of(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int offset, Tolerance tolerance)
    {
        var sums = new ErrorSums(tolerance);
        for (var start = 0; start < expected.Length; start += BlockLength)
        {
            var length = Math.Min(BlockLength, expected.Length - start);
            sums.Add(expected.Slice(start, length), actual.Slice(start, length), offset + start);
        }
        return sums;
    }

    /// <summary>Folds in the sums of the elements right after these; first occurrences stay first.</summary>
    public void Append(ErrorSums later)
    {
        _maxAbs = Math.Max(_maxAbs, later._maxAbs);
        _maxRel = Math.Max(_maxRel, later._maxRel);
        _sumAbs += later._sumAbs;
        _sumSq += later._sumSq;
        _dot += later._dot;
        _normE += later._normE;
        _normA += later._normA;
        _expectedMax = Math.Max(_expectedMax, later._expectedMax);
        _eNaN += later._eNaN;
        _aNaN += later._aNaN;
        _eInf += later._eInf;
        _aInf += later._aInf;
        _within += later._within;
        _finite += later._finite;
        if (_firstNonFiniteMismatch < 0) _firstNonFiniteMismatch = later._firstNonFiniteMismatch;
        if (later._worstDiff > _worstDiff)
        {
            _worstDiff = later._worstDiff;
            _worstFinite = later._worstFinite;
        }
    }

    private void Add(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int offset)
    {
        if (Vector.IsHardwareAccelerated && expected.Length >= Vector<float>.Count && AllFinite(expected) && AllFinite(actual)) AddFinite(expected, actual, offset);
        else AddEach(expected, actual, offset, 0);
    }

    public ErrorMetrics ToMetrics(int count)
    {
        var cosine = _normE == 0 && _normA == 0 ? 1 : _normE == 0 || _normA == 0 ? 0 : _dot / Math.Sqrt(_normE * _normA);
        var snr = _sumSq == 0 ? double.PositiveInfinity : _normE == 0 ? double.NegativeInfinity : 10 * Math.Log10(_normE / _sumSq);
        return new ErrorMetrics(
            count,
            _maxAbs,
            _maxRel,
            _finite == 0 ? 0 : _sumAbs / _finite,
            _finite == 0 ? 0 : Math.Sqrt(_sumSq / _finite),
            cosine,
            snr,
            count == 0 ? 1 : (double)_within / count,
            _eNaN, _aNaN, _eInf, _aInf,
            _firstNonFiniteMismatch >= 0 ? _firstNonFiniteMismatch : _worstFinite,
            _expectedMax);
    }

    // Hot from the first call of a one-shot check: compiled optimized at once rather than through the tiers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        // x - x is 0 for every finite x and NaN for NaN and the infinities.
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var check = Vector<float>.Zero;
        foreach (var v in vectors) check += v - v;
        if (!Vector.EqualsAll(check, Vector<float>.Zero)) return false;
        for (var i = vectors.Length * Vector<float>.Count; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i])) return false;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddFinite(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int offset)
    {
        var ve = MemoryMarshal.Cast<float, Vector<float>>(expected);
        var va = MemoryMarshal.Cast<float, Vector<float>>(actual);
        Vector<double> maxAbs = Vector<double>.Zero, maxRel = Vector<double>.Zero, sumAbs = Vector<double>.Zero, sumSq = Vector<double>.Zero;
        Vector<double> dot = Vector<double>.Zero, normE = Vector<double>.Zero, normA = Vector<double>.Zero, expectedMax = Vector<double>.Zero;
        Vector<long> within = Vector<long>.Zero;
        var atol = new Vector<double>(tolerance.Absolute);
        var rtol = new Vector<double>(tolerance.Relative);
        var tiny = new Vector<double>(Tiny);
        // The accumulators stay locals of this loop (a local function capturing them would keep them in memory, each
        // update a load and a store): the two widened halves of every float vector go through the same body in turn.
        for (var k = 0; k < 2 * ve.Length; k++)
        {
            Vector.Widen(ve[k >> 1], out var eLow, out var eHigh);
            Vector.Widen(va[k >> 1], out var aLow, out var aHigh);
            var (e, a) = (k & 1) == 0 ? (eLow, aLow) : (eHigh, aHigh);
            var diff = Vector.Abs(a - e);
            var magnitude = Vector.Abs(e);
            maxAbs = Vector.Max(maxAbs, diff);
            maxRel = Vector.Max(maxRel, diff / Vector.Max(magnitude, tiny));
            sumAbs += diff;
            sumSq += diff * diff;
            dot += a * e;
            normE += e * e;
            normA += a * a;
            expectedMax = Vector.Max(expectedMax, magnitude);
            // Accepted lanes compare as all ones (-1).
            within -= Vector.AsVectorInt64(Vector.LessThanOrEqual(diff, atol + rtol * magnitude));
        }

        var vectorized = ve.Length * Vector<float>.Count;
        var blockMax = Max(maxAbs);
        _maxAbs = Math.Max(_maxAbs, blockMax);
        _maxRel = Math.Max(_maxRel, Max(maxRel));
        _sumAbs += Vector.Sum(sumAbs);
        _sumSq += Vector.Sum(sumSq);
        _dot += Vector.Sum(dot);
        _normE += Vector.Sum(normE);
        _normA += Vector.Sum(normA);
        _expectedMax = Math.Max(_expectedMax, Max(expectedMax));
        _within += (int)Vector.Sum(within);
        _finite += vectorized;
        if (blockMax > _worstDiff)
        {
            // The first element of the block reaching its largest error, as the element-wise scan would find it.
            _worstDiff = blockMax;
            for (var i = 0; i < vectorized; i++)
            {
                if (Math.Abs((double)actual[i] - expected[i]) == blockMax)
                {
                    _worstFinite = offset + i;
                    break;
                }
            }
        }
        AddEach(expected, actual, offset, vectorized);
    }

    private static double Max(Vector<double> lanes)
    {
        var max = lanes[0];
        for (var i = 1; i < Vector<double>.Count; i++) max = Math.Max(max, lanes[i]);
        return max;
    }

    private void AddEach(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int offset, int from)
    {
        for (var i = from; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (double.IsNaN(e)) _eNaN++;
            if (double.IsNaN(a)) _aNaN++;
            if (double.IsInfinity(e)) _eInf++;
            if (double.IsInfinity(a)) _aInf++;
            var accepted = tolerance.Accepts(e, a);
            if (accepted) _within++;

            if (!double.IsFinite(e) || !double.IsFinite(a))
            {
                if (!accepted && _firstNonFiniteMismatch < 0) _firstNonFiniteMismatch = offset + i;
                continue;
            }
            _finite++;
            var diff = Math.Abs(a - e);
            if (diff > _worstDiff)
            {
                _worstDiff = diff;
                _worstFinite = offset + i;
            }
            _maxAbs = Math.Max(_maxAbs, diff);
            _maxRel = Math.Max(_maxRel, diff / Math.Max(Math.Abs(e), Tiny));
            _sumAbs += diff;
            _sumSq += diff * diff;
            _dot += a * e;
            _normE += e * e;
            _normA += a * a;
            _expectedMax = Math.Max(_expectedMax, Math.Abs(e));
        }
    }
}
