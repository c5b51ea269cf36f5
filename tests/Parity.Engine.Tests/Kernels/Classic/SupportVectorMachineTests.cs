using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels.Classic;

namespace Parity.Engine.Tests.Kernels.Classic;

/// <summary>libsvm's kernels, one-vs-one decisions, votes, Platt scaling and pairwise coupling on hand-worked numbers.</summary>
public class SupportVectorMachineTests
{
    private const double Tolerance = 1e-12;

    // x = [3, 1], v = [1, 2]: x.v = 3 + 2 = 5, |x - v|^2 = 2^2 + (-1)^2 = 5.
    [Theory]
    [InlineData(SvmKernelKind.Linear, 0, 0, 1, 5.0)]
    // exp(-0.1 * 5) = exp(-0.5)
    [InlineData(SvmKernelKind.Rbf, 0.1, 0, 1, 0.60653065971263342)]
    // (0.5 * 5 + 1)^2 = 3.5^2
    [InlineData(SvmKernelKind.Polynomial, 0.5, 1, 2, 12.25)]
    // (0.5 * 5 - 3)^3 = (-0.5)^3: an odd degree keeps the sign of a negative base.
    [InlineData(SvmKernelKind.Polynomial, 0.5, -3, 3, -0.125)]
    // tanh(0.1 * 5 + 0) = tanh(0.5)
    [InlineData(SvmKernelKind.Sigmoid, 0.1, 0, 1, 0.46211715726000974)]
    public void Kernels_follow_libsvms_formulas(SvmKernelKind kind, double gamma, double coef0, int degree, double expected)
    {
        var vectors = new SupportVectors(new SvmKernel(kind, gamma, coef0, degree), [1, 2], 2);
        var values = new double[1];
        vectors.KernelValues([3f, 1f], values);
        Assert.Equal(expected, values[0], Tolerance);
    }

    [Fact]
    public void Features_past_the_inputs_end_count_as_zero_in_the_input()
    {
        // v = [1, 2] against a one-feature x = [3]: x is [3, 0], |x - v|^2 = 4 + 4 = 8, x.v = 3.
        var rbf = new SupportVectors(new SvmKernel(SvmKernelKind.Rbf, 0.25), [1, 2], 2);
        var values = new double[1];
        rbf.KernelValues([3f], values);
        Assert.Equal(Math.Exp(-2), values[0], Tolerance);
        new SupportVectors(new SvmKernel(SvmKernelKind.Linear), [1, 2], 2).KernelValues([3f], values);
        Assert.Equal(3, values[0], Tolerance);
    }

    [Fact]
    public void Decisions_pair_each_classs_vectors_with_the_other_classs_coefficient_row()
    {
        // Three classes with 1, 2, 1 vectors: kernel values K = [1, 2, 3, 4]; coefficients rows
        // c0 = [1, 10, 100, 1000], c1 = [2, 20, 200, 2000]; rho = [0.5, 1, 2].
        // (0,1): c0[0] K0 (class 0 against j = 1: row j - 1 = 0) + c0[1..2] K1..2 (class 1: row i = 0) = 1 + 20 + 300 = 321 - 0.5
        // (0,2): c1[0] K0 + c0[3] K3 = 2 + 4000 = 4002 - 1
        // (1,2): c1[1..2] K1..2 + c1[3] K3 = 40 + 600 + 8000 = 8640 - 2
        var decisions = new double[3];
        SupportVectorMachine.OneVsOneDecisions([1, 2, 3, 4], [1, 2, 1], [1, 10, 100, 1000, 2, 20, 200, 2000], [0.5, 1, 2], decisions);
        Assert.Equal([320.5, 4001, 8638], decisions);
    }

    [Fact]
    public void A_pair_votes_for_its_first_class_only_on_a_positive_decision()
    {
        // (0,1) = 1 -> 0; (0,2) = 0 -> 2 (not positive); (1,2) = -1 -> 2.
        var votes = new double[3];
        SupportVectorMachine.Votes([1, 0, -1], 3, votes);
        Assert.Equal([1.0, 0, 2], votes);
    }

    [Theory]
    // 1 / (1 + exp(-2 * 1 + 0)) = 1 / (1 + e^-2)
    [InlineData(1.0, -2.0, 0.0, 0.88079707797788231)]
    // A d + B = 3 >= 0: e^-3 / (1 + e^-3), the same 1 / (1 + e^3) without overflow for large A d + B
    [InlineData(1.0, 2.0, 1.0, 0.047425873177566781)]
    [InlineData(1000.0, 1.0, 0.0, 0.0)]
    public void Platt_scaling_uses_libsvms_sign(double decision, double a, double b, double expected) =>
        Assert.Equal(expected, SupportVectorMachine.Platt(decision, a, b), Tolerance);

    [Fact]
    public void Two_class_probabilities_are_the_clamped_platt_pair()
    {
        var p = new double[2];
        SupportVectorMachine.Probabilities([1.0], 2, [-2.0], [0.0], p);
        Assert.Equal(0.88079707797788231, p[0], Tolerance);
        Assert.Equal(1 - 0.88079707797788231, p[1], Tolerance);
        // d = 100, A = -1: 1 / (1 + e^-100) rounds to 1 and is clamped to 1 - 1e-7.
        SupportVectorMachine.Probabilities([100.0], 2, [-1.0], [0.0], p);
        Assert.Equal(1 - 1e-7, p[0], Tolerance);
        Assert.Equal(1e-7, p[1], Tolerance);
    }

    [Fact]
    public void Coupling_even_pairs_gives_the_uniform_distribution()
    {
        // Every r = 1/2: Q[t][t] = 2 * 1/4, Q[t][j] = -1/4, so Qp = 0 = p'Qp at p = 1/3 and libsvm stops at once.
        var p = new double[3];
        SupportVectorMachine.Probabilities([0, 0, 0], 3, [1, 1, 1], [0, 0, 0], p);
        foreach (var value in p) Assert.Equal(1.0 / 3, value, Tolerance);
    }

    // Pairwise probabilities consistent with a distribution q (r_ij = q_i / (q_i + q_j)) are fitted exactly by q, the
    // minimiser of p'Qp; libsvm stops once every |(Qp)_t - p'Qp| < 0.005 / k, a few 1e-3 from it at most.
    [Property(MaxTest = 100)]
    public Property Coupling_consistent_pairs_recovers_their_distribution(PositiveInt seed, PositiveInt size)
    {
        var k = size.Get % 6 + 2;
        var random = new Random(seed.Get);
        var q = Enumerable.Range(0, k).Select(_ => 0.05 + random.NextDouble()).ToArray();
        var total = q.Sum();
        for (var i = 0; i < k; i++) q[i] /= total;
        var r = new double[k * k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++) r[i * k + j] = i == j ? 0 : q[i] / (q[i] + q[j]);
        }
        var p = new double[k];
        SupportVectorMachine.CouplePairwise(r, k, p);
        return (Math.Abs(p.Sum() - 1) < 1e-9 && p.Zip(q).All(pair => Math.Abs(pair.First - pair.Second) < 5e-3)).Label($"k={k} q=[{string.Join(", ", q)}] p=[{string.Join(", ", p)}]");
    }
}
