namespace Parity.Engine.Kernels.Classic;

/// <summary>The kernel functions of libsvm (and of Core ML's SVM.proto, which stores libsvm's parameters).</summary>
public enum SvmKernelKind
{
    Linear,
    Rbf,
    Polynomial,
    Sigmoid,
}

/// <summary>
/// A support vector kernel K(x, v) with libsvm's formulas (svm.cpp Kernel::k_function): linear x.v; rbf
/// exp(-gamma |x - v|^2); polynomial (gamma x.v + coef0)^degree; sigmoid tanh(gamma x.v + coef0).
/// </summary>
public readonly record struct SvmKernel(SvmKernelKind Kind, double Gamma = 0, double Coef0 = 0, int Degree = 1)
{
    /// <summary>K(x, v) from the dot product x.v and the squared distance |x - v|^2 (only rbf reads the distance).</summary>
    public double Apply(double dot, double squaredDistance) => Kind switch
    {
        SvmKernelKind.Linear => dot,
        SvmKernelKind.Rbf => Math.Exp(-Gamma * squaredDistance),
        SvmKernelKind.Polynomial => Power(Gamma * dot + Coef0, Degree),
        SvmKernelKind.Sigmoid => Math.Tanh(Gamma * dot + Coef0),
        _ => throw new ArgumentException($"Unknown SVM kernel {Kind}; expected linear, rbf, polynomial or sigmoid."),
    };

    // libsvm's powi: repeated squaring over an integer degree, so negative bases stay defined.
    private static double Power(double value, int degree)
    {
        var result = 1.0;
        for (var remaining = degree; remaining > 0; remaining /= 2)
        {
            if (remaining % 2 == 1) result *= value;
            value *= value;
        }
        return result;
    }
}
