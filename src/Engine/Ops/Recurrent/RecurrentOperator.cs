using Parity.Engine.Graph;
using Parity.Engine.Kernels.Recurrent;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Recurrent;

/// <summary>
/// What the simple RNN, LSTM and GRU ops share: weight checks, input and output types (see
/// <see cref="RecurrentLayerOptions"/>), and the spreading of the kernel's outputs over the op's outputs.
/// </summary>
public abstract class RecurrentOperator : IOperator
{
    private protected RecurrentOperator(int gates, RecurrentWeightTensors weights, RecurrentWeightTensors? backwardWeights, RecurrentLayerOptions options)
    {
        Options = options;
        if (weights.Kernel.Rank != 2 || weights.RecurrentKernel.Rank != 2 || weights.RecurrentKernel.Shape[1] % gates != 0)
        {
            throw new ArgumentException($"{Kind} expects a kernel [features, {gates} * units] and a recurrent kernel [units, {gates} * units]; got {weights.Kernel.Shape} and {weights.RecurrentKernel.Shape}.");
        }
        Units = weights.RecurrentKernel.Shape[1] / gates;
        Features = weights.Kernel.Shape[0];
        Weights = CheckWeights(weights, gates, "");
        if (options.Directions == 2)
        {
            BackwardWeights = CheckWeights(backwardWeights ?? throw new ArgumentException($"A bidirectional {Kind} needs backward weights."), gates, "backward ");
        }
    }

    public abstract string Kind { get; }

    public RecurrentLayerOptions Options { get; }

    public RecurrentWeightTensors Weights { get; }

    /// <summary>The backward pass's weights (bidirectional layers only).</summary>
    public RecurrentWeightTensors? BackwardWeights { get; }

    public int Units { get; }

    public int Features { get; }

    /// <summary>True for the LSTM, whose state includes the cell c.</summary>
    private protected abstract bool HasCellState { get; }

    private int StateCount => HasCellState ? 2 : 1;

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        var expectedCount = 1 + (Options.HasInitialStates ? StateCount : 0) + (Options.HasMask ? 1 : 0);
        if (inputs.Count != expectedCount)
        {
            throw new ShapeMismatchException($"{Kind} expects {expectedCount} inputs (x{(Options.HasInitialStates ? HasCellState ? ", h0, c0" : ", h0" : "")}{(Options.HasMask ? ", mask" : "")}); got {inputs.Count}.");
        }
        var x = inputs[0];
        if (x.DType != DType.Float32 || x.Shape.Rank != 3 || x.Shape[2] != Features || x.Shape[0] < 1 || x.Shape[1] < 1)
        {
            throw new ShapeMismatchException($"{Kind} expects a float32 input [batch, time, {Features}] with batch, time >= 1; got {x}.");
        }
        int batch = x.Shape[0], time = x.Shape[1];
        if (Options.HasInitialStates)
        {
            for (var i = 1; i <= StateCount; i++)
            {
                var expected = StateShape(batch);
                if (inputs[i].DType != DType.Float32 || inputs[i].Shape != expected)
                {
                    throw new ShapeMismatchException($"{Kind} initial state {i} must be float32{expected}; got {inputs[i]}.");
                }
            }
        }
        if (Options.HasMask)
        {
            var mask = inputs[^1];
            if (mask.DType is not (DType.Bool or DType.UInt8) || mask.Shape != new Shape(batch, time))
            {
                throw new ShapeMismatchException($"{Kind} mask must be bool or uint8 [{batch}, {time}]; got {mask}.");
            }
        }

        var s = Sequence(batch, time);
        var separate = Options.Directions == 2 && Options.Merge == BidirectionalMerge.None;
        var mainShape = Options.ReturnSequences ? new Shape(batch, time, s.OutputWidth) : new Shape(batch, s.OutputWidth);
        var types = new List<TensorType> { new(DType.Float32, mainShape) };
        if (separate) types.Add(new TensorType(DType.Float32, mainShape));
        if (Options.ReturnStates)
        {
            for (var i = 0; i < Options.Directions * StateCount; i++) types.Add(new TensorType(DType.Float32, new Shape(batch, Units)));
        }
        return types;
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var x = inputs[0];
        int batch = x.Shape[0], time = x.Shape[1];
        var s = Sequence(batch, time);
        var stateLength = s.StateLength;
        var finalH = new float[stateLength];
        var finalC = HasCellState ? new float[stateLength] : [];
        var separate = Options.Directions == 2 && Options.Merge == BidirectionalMerge.None;
        // The kernel's sequence layout is the op's first output, except for merge None's [2, ...] pair of outputs.
        var sequence = !Options.ReturnSequences ? default : separate ? new float[s.SequenceLength] : outputs[0].Floats;
        var h0 = Options.HasInitialStates ? inputs[1].Floats : default;
        var c0 = Options.HasInitialStates && HasCellState ? inputs[2].Floats : default;
        var mask = Options.HasMask ? inputs[^1].Bytes : default;
        Run(s, x.Floats, h0, c0, mask, sequence, finalH, finalC);

        if (!Options.ReturnSequences)
        {
            WriteLastOutput(s, finalH, outputs[0].Floats, separate ? outputs[1].Floats : default);
        }
        else if (separate)
        {
            var length = batch * time * Units;
            sequence[..length].CopyTo(outputs[0].Floats);
            sequence.Slice(length, length).CopyTo(outputs[1].Floats);
        }
        if (!Options.ReturnStates) return;
        var next = separate ? 2 : 1;
        var perDirection = batch * Units;
        for (var d = 0; d < Options.Directions; d++)
        {
            finalH.AsSpan(d * perDirection, perDirection).CopyTo(outputs[next++].Floats);
            if (HasCellState) finalC.AsSpan(d * perDirection, perDirection).CopyTo(outputs[next++].Floats);
        }
    }

    /// <summary>Runs the kernel with the layout of <see cref="RecurrentSequence"/>; <paramref name="finalC"/> is empty without a cell state.</summary>
    private protected abstract void Run(in RecurrentSequence s, ReadOnlySpan<float> input, ReadOnlySpan<float> h0, ReadOnlySpan<float> c0,
        ReadOnlySpan<byte> mask, Span<float> sequence, Span<float> finalH, Span<float> finalC);

    private RecurrentSequence Sequence(int batch, int time) =>
        new(batch, time, Features, Units, Options.Direction, Options.Merge, Options.BackwardOrder, Options.MaskedOutput);

    private Shape StateShape(int batch) => Options.Directions == 2 ? new Shape(2, batch, Units) : new Shape(batch, Units);

    // The last output of each direction is its final h (masked steps carry h, so this is the last valid output),
    // merged the way the sequence would be. Keras differs only for a row whose every step is masked: it returns
    // zeros there, this returns the initial state.
    private static void WriteLastOutput(in RecurrentSequence s, ReadOnlySpan<float> finalH, Span<float> output, Span<float> backwardOutput)
    {
        var perDirection = s.Batch * s.Units;
        var forward = finalH[..perDirection];
        if (s.Directions == 1)
        {
            forward.CopyTo(output);
            return;
        }
        var backward = finalH.Slice(perDirection, perDirection);
        switch (s.Merge)
        {
            case BidirectionalMerge.Concat:
                for (var b = 0; b < s.Batch; b++)
                {
                    forward.Slice(b * s.Units, s.Units).CopyTo(output.Slice(2 * b * s.Units, s.Units));
                    backward.Slice(b * s.Units, s.Units).CopyTo(output.Slice((2 * b + 1) * s.Units, s.Units));
                }
                break;
            case BidirectionalMerge.None:
                forward.CopyTo(output);
                backward.CopyTo(backwardOutput);
                break;
            default:
                forward.CopyTo(output);
                s.MergeInto(output, backward);
                break;
        }
    }

    private RecurrentWeightTensors CheckWeights(RecurrentWeightTensors w, int gates, string direction)
    {
        var width = gates * Units;
        Require(w.Kernel, new Shape(Features, width), $"{direction}kernel [features, {gates} * units]");
        Require(w.RecurrentKernel, new Shape(Units, width), $"{direction}recurrent kernel [units, {gates} * units]");
        if (w.Bias is not null) Require(w.Bias, new Shape(width), $"{direction}bias [{gates} * units]");
        if (w.Peepholes is not null) Require(w.Peepholes, new Shape(3 * Units), $"{direction}peepholes [3 * units]");
        if (w.RecurrentBias is not null) Require(w.RecurrentBias, new Shape(width), $"{direction}recurrent bias [{gates} * units]");
        return w;
    }

    private void Require(Tensor tensor, Shape expected, string what)
    {
        if (tensor.DType != DType.Float32 || tensor.Shape != expected)
        {
            throw new ArgumentException($"{Kind} {what} must be float32{expected}; got {tensor.Type}.");
        }
    }
}
