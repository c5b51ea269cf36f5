namespace Parity.Engine.Tensors;

/// <summary>An immutable list of non-negative dimension sizes, row-major (last axis fastest).</summary>
public readonly struct Shape : IEquatable<Shape>
{
    /// <summary>Largest element count a single tensor may hold (1 GiB of float32); guards against absurd declared sizes in model files.</summary>
    public const long MaxElements = 1L << 28;

    private readonly int[]? _dims;

    public Shape(params int[] dims)
    {
        foreach (var d in dims)
        {
            if (d < 0) throw new ArgumentException($"Shape {Format(dims)} has a negative dimension.", nameof(dims));
        }
        _dims = (int[])dims.Clone();
        long count = 1;
        foreach (var d in _dims)
        {
            count *= d;
            if (count > MaxElements) throw new ArgumentException($"Shape {Format(dims)} holds more than {MaxElements} elements.", nameof(dims));
        }
    }

    public Shape(ReadOnlySpan<int> dims) : this(dims.ToArray()) { }

    public static Shape Scalar => new([]);

    public int Rank => _dims?.Length ?? 0;

    public int this[int axis] => Dims[axis];

    /// <summary>A dimension counted from either end, e.g. shape[^1] for the last.</summary>
    public int this[Index axis] => Dims[axis];

    public ReadOnlySpan<int> Dims => _dims ?? [];

    /// <summary>Number of elements (1 for a scalar).</summary>
    public int ElementCount
    {
        get
        {
            var count = 1;
            foreach (var d in Dims) count *= d;
            return count;
        }
    }

    /// <summary>Row-major strides in elements.</summary>
    public int[] Strides()
    {
        var strides = new int[Rank];
        var s = 1;
        for (var i = Rank - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Dims[i];
        }
        return strides;
    }

    /// <summary>Normalizes a possibly negative axis (NumPy style) and checks it is in range.</summary>
    public int Axis(int axis)
    {
        var a = axis < 0 ? axis + Rank : axis;
        if (a < 0 || a >= Rank) throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is out of range for shape {this}.");
        return a;
    }

    /// <summary>Product of the dimensions in [start, end).</summary>
    public int Product(int start, int end)
    {
        var p = 1;
        for (var i = start; i < end; i++) p *= Dims[i];
        return p;
    }

    public int[] ToArray() => Dims.ToArray();

    public Shape WithDim(int axis, int size)
    {
        var dims = ToArray();
        dims[Axis(axis)] = size;
        return new Shape(dims);
    }

    public bool Equals(Shape other) => Dims.SequenceEqual(other.Dims);

    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in Dims) h.Add(d);
        return h.ToHashCode();
    }

    public static bool operator ==(Shape a, Shape b) => a.Equals(b);

    public static bool operator !=(Shape a, Shape b) => !a.Equals(b);

    public static implicit operator Shape(int[] dims) => new(dims);

    public override string ToString() => Format(Dims);

    private static string Format(ReadOnlySpan<int> dims) => "[" + string.Join(", ", dims.ToArray()) + "]";
}
