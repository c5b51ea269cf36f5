using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Linear;

/// <summary>
/// Fully connected layer over the last axis: y = activation(x · W + bias) with W [inputUnits, units] (Keras' kernel
/// layout), or given output-major [units, inputUnits] (Core ML's) through <see cref="FromOutputMajor"/>. W is packed
/// once at construction, since every call reuses it; the op keeps only the packed copy.
/// </summary>
public sealed class Dense : IOperator
{
    private readonly PackedMatrix _packedWeights;
    private readonly float[]? _bias;

    /// <param name="weights">Float tensor [inputUnits, units]; other float dtypes are converted to float32.</param>
    /// <param name="bias">Optional [units] vector added to every row.</param>
    /// <param name="activation">Applied to the result (default: none).</param>
    public Dense(Tensor weights, Tensor? bias = null, Activation? activation = null)
        : this(weights, bias, activation, outputMajor: false)
    {
    }

    private Dense(Tensor weights, Tensor? bias, Activation? activation, bool outputMajor)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var layout = outputMajor ? "[units, inputUnits]" : "[inputUnits, units]";
        if (weights.Rank != 2)
        {
            throw new ArgumentException($"Dense weights must be {layout}; got {weights.Shape}.", nameof(weights));
        }
        InputUnits = weights.Shape[outputMajor ? 1 : 0];
        Units = weights.Shape[outputMajor ? 0 : 1];
        if (bias is not null && (bias.Rank != 1 || bias.Shape[0] != Units))
        {
            throw new ArgumentException($"Dense bias must be [{Units}] to match weights {layout} {weights.Shape}; got {bias.Shape}.", nameof(bias));
        }
        Activation = activation ?? Activation.None;
        using var converted = weights.DType == DType.Float32 ? null : weights.ToFloat32();
        _packedWeights = Gemm.PackB(InputUnits, Units, (converted ?? weights).Floats, outputMajor ? InputUnits : Units, transposeB: outputMajor);
        if (bias is not null)
        {
            using var b = bias.ToFloat32();
            _bias = b.Floats.ToArray();
        }
    }

    /// <summary>A Dense whose <paramref name="weights"/> are stored [units, inputUnits]: packed straight from that layout, no transposed copy.</summary>
    public static Dense FromOutputMajor(Tensor weights, Tensor? bias = null, Activation? activation = null) => new(weights, bias, activation, outputMajor: true);

    public string Kind => "Dense";

    public Activation Activation { get; }

    public int InputUnits { get; }

    public int Units { get; }

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1)
        {
            throw new ShapeMismatchException($"Dense takes 1 input; got {inputs.Count}.");
        }
        var x = inputs[0];
        if (x.DType != DType.Float32 || x.Shape.Rank == 0 || x.Shape[x.Shape.Rank - 1] != InputUnits)
        {
            throw new ShapeMismatchException($"Dense with {InputUnits} input units expects float32 [..., {InputUnits}]; got {x}.");
        }
        return [new TensorType(DType.Float32, x.Shape.WithDim(-1, Units))];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var x = inputs[0].Floats;
        var y = outputs[0].Floats;
        var rows = Units == 0 ? 0 : y.Length / Units;
        var beta = 0f;
        if (_bias is not null)
        {
            // Rows start as the bias; the GEMM then adds x · W onto them (beta = 1).
            for (var r = 0; r < rows; r++) _bias.CopyTo(y.Slice(r * Units, Units));
            beta = 1f;
        }
        Gemm.Multiply(rows, x, Math.Max(1, InputUnits), transposeA: false, _packedWeights, y, Math.Max(1, Units), beta: beta);
        if (!Activation.IsIdentity) Activations.Apply(Activation, y, y);
    }
}
