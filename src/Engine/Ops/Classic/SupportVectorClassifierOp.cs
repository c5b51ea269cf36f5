using Parity.Engine.Graph;
using Parity.Engine.Kernels.Classic;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Classic;

/// <summary>
/// A one-vs-one support vector classifier with libsvm's rules (<see cref="SupportVectorMachine"/>): float32
/// [N, features] -> float32 [N, classes], the class probabilities when Platt parameters are given, otherwise each
/// class's one-vs-one vote count. Either way the predicted class is the first with the largest value, as in libsvm.
/// Everything is computed in double and rounded to float32 once.
/// </summary>
public sealed class SupportVectorClassifierOp : IOperator
{
    private readonly SupportVectors _vectors;
    private readonly int[] _perClass;
    private readonly double[] _coefficients;
    private readonly double[] _rho;
    private readonly double[]? _probA;
    private readonly double[]? _probB;

    /// <param name="vectors">The support vectors, grouped by class.</param>
    /// <param name="perClass">How many support vectors each class has, in class order.</param>
    /// <param name="coefficients">[classes - 1, vectors] row-major: libsvm's sv_coef.</param>
    /// <param name="rho">One offset per class pair, in libsvm's pair order.</param>
    /// <param name="probA">Platt slopes per pair, or null for votes.</param>
    /// <param name="probB">Platt intercepts per pair, or null for votes.</param>
    public SupportVectorClassifierOp(SupportVectors vectors, IReadOnlyList<int> perClass, IReadOnlyList<double> coefficients, IReadOnlyList<double> rho,
        IReadOnlyList<double>? probA = null, IReadOnlyList<double>? probB = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(perClass);
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentNullException.ThrowIfNull(rho);
        var classes = perClass.Count;
        if (classes < 2) throw new ArgumentException($"A classifier needs at least 2 classes; got {classes}.", nameof(perClass));
        if (perClass.Any(n => n < 0) || perClass.Sum() != vectors.Count)
        {
            throw new ArgumentException($"Support vectors per class [{string.Join(", ", perClass)}] must be >= 0 and add up to the {vectors.Count} vectors.", nameof(perClass));
        }
        if (coefficients.Count != (long)(classes - 1) * vectors.Count)
        {
            throw new ArgumentException($"Expected {classes - 1} x {vectors.Count} coefficients for {classes} classes; got {coefficients.Count}.", nameof(coefficients));
        }
        var pairs = (long)classes * (classes - 1) / 2;
        if (rho.Count != pairs) throw new ArgumentException($"Expected one rho per class pair ({pairs}); got {rho.Count}.", nameof(rho));
        if ((probA is null) != (probB is null) || probA is not null && (probA.Count != pairs || probB!.Count != pairs))
        {
            throw new ArgumentException($"probA and probB must both be absent or both hold one value per class pair ({pairs}); got {probA?.Count} and {probB?.Count}.", nameof(probA));
        }
        _vectors = vectors;
        _perClass = [.. perClass];
        _coefficients = [.. coefficients];
        _rho = [.. rho];
        _probA = probA?.ToArray();
        _probB = probB?.ToArray();
    }

    public string Kind => "SupportVectorClassifier";

    public int Classes => _perClass.Length;

    /// <summary>True when the outputs are probabilities, false when they are vote counts.</summary>
    public bool Probabilities => _probA is not null;

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        var rows = SupportVectorRegressorOp.CheckRows(Kind, inputs, _vectors);
        return [new TensorType(DType.Float32, new Shape(rows, Classes))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var x = inputs[0].Floats.ToArray();
        var features = inputs[0].Shape[1];
        var rows = inputs[0].Shape[0];
        var classes = Classes;
        var result = new float[rows * classes];
        Kernels.Parallelism.For(rows, 16, (start, end) =>
        {
            var kernel = new double[_vectors.Count];
            var decisions = new double[_rho.Length];
            var scores = new double[classes];
            for (var row = start; row < end; row++)
            {
                _vectors.KernelValues(x.AsSpan(row * features, features), kernel);
                SupportVectorMachine.OneVsOneDecisions(kernel, _perClass, _coefficients, _rho, decisions);
                if (_probA is not null) SupportVectorMachine.Probabilities(decisions, classes, _probA, _probB, scores);
                else SupportVectorMachine.Votes(decisions, classes, scores);
                for (var c = 0; c < classes; c++) result[row * classes + c] = (float)scores[c];
            }
        });
        result.CopyTo(outputs[0].Floats);
    }
}
