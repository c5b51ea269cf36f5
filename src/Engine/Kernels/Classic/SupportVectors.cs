namespace Parity.Engine.Kernels.Classic;

/// <summary>
/// The support vectors of an SVM as a dense [count, width] row-major matrix, with the kernel they are used with.
/// Rows may be wider than the input: a sparse vector can name features past the input's end, which libsvm reads as 0
/// in the input, so they add to rbf's squared distance and nothing to dot products.
/// </summary>
public sealed class SupportVectors
{
    public SupportVectors(SvmKernel kernel, double[] vectors, int width)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (width < 1 || vectors.Length == 0 || vectors.Length % width != 0)
        {
            throw new ArgumentException($"Support vectors must be whole rows of width {width} (>= 1); got {vectors.Length} values.", nameof(vectors));
        }
        if (kernel.Kind == SvmKernelKind.Polynomial && kernel.Degree < 0) throw new ArgumentException($"A polynomial kernel needs degree >= 0; got {kernel.Degree}.", nameof(kernel));
        Kernel = kernel;
        Vectors = vectors;
        Width = width;
    }

    public SvmKernel Kernel { get; }

    public double[] Vectors { get; }

    public int Width { get; }

    public int Count => Vectors.Length / Width;

    /// <summary>Writes K(x, v_s) for every support vector s; <paramref name="x"/> may be narrower than <see cref="Width"/> (missing features are 0).</summary>
    public void KernelValues(ReadOnlySpan<float> x, Span<double> values)
    {
        if (x.Length > Width) throw new ArgumentException($"The input has {x.Length} features; the support vectors have {Width}.", nameof(x));
        if (values.Length != Count) throw new ArgumentException($"Expected room for {Count} kernel values; got {values.Length}.", nameof(values));
        for (var s = 0; s < Count; s++)
        {
            var v = Vectors.AsSpan(s * Width, Width);
            double dot = 0, distance = 0;
            for (var d = 0; d < x.Length; d++)
            {
                double xd = x[d];
                dot += xd * v[d];
                distance += (xd - v[d]) * (xd - v[d]);
            }
            for (var d = x.Length; d < Width; d++) distance += v[d] * v[d];
            values[s] = Kernel.Apply(dot, distance);
        }
    }
}
