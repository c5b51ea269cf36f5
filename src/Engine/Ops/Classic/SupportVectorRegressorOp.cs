using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Classic;

/// <summary>
/// A support vector regressor with libsvm's rule: float32 [N, features] -> float32 [N, 1],
/// y = sum_s coefficients[s] K(x, v_s) - rho, computed in double.
/// </summary>
public sealed class SupportVectorRegressorOp : IOperator
{
    private readonly Kernels.Classic.SupportVectors _vectors;
    private readonly double[] _coefficients;
    private readonly double _rho;

    public SupportVectorRegressorOp(Kernels.Classic.SupportVectors vectors, IReadOnlyList<double> coefficients, double rho)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(coefficients);
        if (coefficients.Count != vectors.Count) throw new ArgumentException($"Expected one coefficient per support vector ({vectors.Count}); got {coefficients.Count}.", nameof(coefficients));
        _vectors = vectors;
        _coefficients = [.. coefficients];
        _rho = rho;
    }

    public string Kind => "SupportVectorRegressor";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs) =>
        [new TensorType(DType.Float32, new Shape(CheckRows(Kind, inputs, _vectors), 1))];

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var x = inputs[0].Floats.ToArray();
        var features = inputs[0].Shape[1];
        var result = new float[inputs[0].Shape[0]];
        Kernels.Parallelism.For(result.Length, 16, (start, end) =>
        {
            var kernel = new double[_vectors.Count];
            for (var row = start; row < end; row++)
            {
                _vectors.KernelValues(x.AsSpan(row * features, features), kernel);
                var sum = 0.0;
                for (var s = 0; s < kernel.Length; s++) sum += _coefficients[s] * kernel[s];
                result[row] = (float)(sum - _rho);
            }
        });
        result.CopyTo(outputs[0].Floats);
    }

    /// <summary>The row count of an SVM's single float32 [rows, features] input, whose rows are no wider than the support vectors.</summary>
    internal static int CheckRows(string kind, IReadOnlyList<TensorType> inputs, Kernels.Classic.SupportVectors vectors)
    {
        if (inputs.Count != 1 || inputs[0].DType != DType.Float32 || inputs[0].Shape.Rank != 2)
        {
            throw new ShapeMismatchException($"{kind} takes one float32 [rows, features] input; got {string.Join(", ", inputs)}.");
        }
        if (inputs[0].Shape[1] > vectors.Width)
        {
            throw new ShapeMismatchException($"{kind} has support vectors of {vectors.Width} features; its input {inputs[0].Shape} has {inputs[0].Shape[1]} per row.");
        }
        return inputs[0].Shape[0];
    }
}
