namespace Parity.Engine.Kernels.Classic;

/// <summary>
/// libsvm's prediction rules (svm.cpp svm_predict_values / svm_predict_probability), which Core ML's SVM.proto stores
/// the parameters of: one-vs-one decision values, their votes, and Platt-scaled pairwise probabilities coupled into
/// class probabilities.
/// </summary>
public static class SupportVectorMachine
{
    /// <summary>libsvm clamps each pairwise probability to [MinProbability, 1 - MinProbability] before coupling.</summary>
    public const double MinProbability = 1e-7;

    /// <summary>
    /// The one-vs-one decision values for classes i &lt; j in libsvm's pair order (0,1), (0,2), ..., (1,2), ...:
    /// d = sum over i's vectors of coefficients[j-1][s] K_s + sum over j's vectors of coefficients[i][s] K_s - rho[pair].
    /// Support vectors are grouped by class (<paramref name="perClass"/> of them for each class, in order);
    /// <paramref name="coefficients"/> is [classes - 1, vectors] row-major.
    /// </summary>
    public static void OneVsOneDecisions(ReadOnlySpan<double> kernelValues, ReadOnlySpan<int> perClass, ReadOnlySpan<double> coefficients, ReadOnlySpan<double> rho, Span<double> decisions)
    {
        var classes = perClass.Length;
        var vectors = kernelValues.Length;
        if (coefficients.Length != (classes - 1) * vectors) throw new ArgumentException($"Expected {classes - 1} x {vectors} coefficients; got {coefficients.Length}.", nameof(coefficients));
        var pairs = (long)classes * (classes - 1) / 2;
        if (rho.Length != pairs || decisions.Length != pairs) throw new ArgumentException($"Expected {pairs} rho and decision values; got {rho.Length} and {decisions.Length}.", nameof(rho));
        Span<int> start = classes <= 256 ? stackalloc int[classes] : new int[classes];
        for (int c = 1; c < classes; c++) start[c] = start[c - 1] + perClass[c - 1];
        if (classes > 0 && start[classes - 1] + perClass[classes - 1] != vectors)
        {
            throw new ArgumentException($"Support vectors per class add up to {start[classes - 1] + perClass[classes - 1]}; there are {vectors}.", nameof(perClass));
        }
        var p = 0;
        for (var i = 0; i < classes; i++)
        {
            for (var j = i + 1; j < classes; j++, p++)
            {
                var sum = 0.0;
                for (var k = 0; k < perClass[i]; k++) sum += coefficients[(j - 1) * vectors + start[i] + k] * kernelValues[start[i] + k];
                for (var k = 0; k < perClass[j]; k++) sum += coefficients[i * vectors + start[j] + k] * kernelValues[start[j] + k];
                decisions[p] = sum - rho[p];
            }
        }
    }

    /// <summary>Votes per class: pair (i, j) votes for i when its decision value is positive, else for j (libsvm).</summary>
    public static void Votes(ReadOnlySpan<double> decisions, int classes, Span<double> votes)
    {
        votes[..classes].Clear();
        var p = 0;
        for (var i = 0; i < classes; i++)
        {
            for (var j = i + 1; j < classes; j++, p++) votes[decisions[p] > 0 ? i : j]++;
        }
    }

    /// <summary>
    /// Platt scaling with libsvm's sign convention (sigmoid_predict): P(i beats j) = 1 / (1 + exp(A d + B)), computed
    /// without overflow on either side. libsvm fits A &lt; 0 so that a positive decision value favours class i.
    /// </summary>
    public static double Platt(double decision, double a, double b)
    {
        var fApB = decision * a + b;
        return fApB >= 0 ? Math.Exp(-fApB) / (1.0 + Math.Exp(-fApB)) : 1.0 / (1.0 + Math.Exp(fApB));
    }

    /// <summary>
    /// Class probabilities from the decision values (libsvm svm_predict_probability): each pair's Platt probability,
    /// clamped to [1e-7, 1 - 1e-7]; two classes take them as they are, more are coupled by <see cref="CouplePairwise"/>.
    /// </summary>
    public static void Probabilities(ReadOnlySpan<double> decisions, int classes, ReadOnlySpan<double> probA, ReadOnlySpan<double> probB, Span<double> probabilities)
    {
        var pairwise = new double[classes * classes];
        var p = 0;
        for (var i = 0; i < classes; i++)
        {
            for (var j = i + 1; j < classes; j++, p++)
            {
                var r = Math.Min(Math.Max(Platt(decisions[p], probA[p], probB[p]), MinProbability), 1 - MinProbability);
                pairwise[i * classes + j] = r;
                pairwise[j * classes + i] = 1 - r;
            }
        }
        if (classes == 2)
        {
            probabilities[0] = pairwise[1];
            probabilities[1] = pairwise[2];
            return;
        }
        CouplePairwise(pairwise, classes, probabilities);
    }

    /// <summary>
    /// libsvm's multiclass_probability: method 2 of Wu, Lin and Weng, "Probability Estimates for Multi-class
    /// Classification by Pairwise Coupling" (JMLR 2004). Minimises p'Qp subject to sum p = 1 with
    /// Q[t][t] = sum_{j != t} r[j][t]^2 and Q[t][j] = -r[j][t] r[t][j], by libsvm's fixed-point iteration from the
    /// uniform distribution (at most max(100, k) sweeps, stopping when every |(Qp)_t - p'Qp| &lt; 0.005 / k).
    /// The same iteration count and stopping rule as libsvm matter: the result is libsvm's, not the exact optimum.
    /// </summary>
    public static void CouplePairwise(ReadOnlySpan<double> r, int k, Span<double> p)
    {
        var q = new double[k * k];
        var qp = new double[k];
        for (var t = 0; t < k; t++)
        {
            p[t] = 1.0 / k;
            for (var j = 0; j < k; j++)
            {
                if (j == t) continue;
                q[t * k + t] += r[j * k + t] * r[j * k + t];
                q[t * k + j] = -r[j * k + t] * r[t * k + j];
            }
        }
        var maxIterations = Math.Max(100, k);
        var epsilon = 0.005 / k;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var pqp = 0.0;
            for (var t = 0; t < k; t++)
            {
                qp[t] = 0;
                for (var j = 0; j < k; j++) qp[t] += q[t * k + j] * p[j];
                pqp += p[t] * qp[t];
            }
            var maxError = 0.0;
            for (var t = 0; t < k; t++) maxError = Math.Max(maxError, Math.Abs(qp[t] - pqp));
            if (maxError < epsilon) break;
            for (var t = 0; t < k; t++)
            {
                var diff = (-qp[t] + pqp) / q[t * k + t];
                p[t] += diff;
                pqp = (pqp + diff * (diff * q[t * k + t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
                for (var j = 0; j < k; j++)
                {
                    qp[j] = (qp[j] + diff * q[t * k + j]) / (1 + diff);
                    p[j] /= 1 + diff;
                }
            }
        }
    }
}
