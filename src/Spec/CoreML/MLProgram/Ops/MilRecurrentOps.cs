using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Recurrent;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Recurrent;
using Parity.Engine.Tensors;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// lstm, gru and rnn (MIL recurrent.py) on time-major x [s, b, I] with initial states [b, H]. Weights are stored one
/// matrix per direction with the gates stacked: weight_ih [G*H, I], weight_hh [G*H, H], bias [G*H] (LSTM gates i, f, o,
/// g; GRU gates r, o, z). Outputs: the sequence [s, b, D*H] (or the last step [1, b, D*H] without output_sequence),
/// then the final h (and c) [b, D*H], D = 2 for a bidirectional layer (forward then backward halves). The backward
/// direction's outputs are aligned with the input time axis, as in the PyTorch layers the converter maps from.
/// </summary>
internal static class MilRecurrentOps
{
    public static void Lstm(MilOpContext context)
    {
        var (x, steps, batch, features) = Sequence(context);
        var direction = Direction(context);
        var forward = Weights(context, 4, "", features);
        var units = forward.RecurrentKernel.Shape[0];
        var backward = direction == RecurrentDirection.Bidirectional ? Weights(context, 4, "_back", features) : null;
        if (context.Has("peephole")) forward = forward with { Peepholes = Vector(context, "peephole", 3 * units) };
        if (backward is not null && context.Has("peephole_back")) backward = backward with { Peepholes = Vector(context, "peephole_back", 3 * units) };
        var clip = context.Has("clip") ? context.Float("clip") : float.PositiveInfinity;
        var op = new Parity.Engine.Ops.Recurrent.Lstm(forward, backward, Options(direction), LstmGateOrder.CoreMLProgram,
            Function(context, "recurrent_activation", "sigmoid"), Function(context, "cell_activation", "tanh"), Function(context, "activation", "tanh"), cellClip: clip);
        var states = new[] { State(context, "initial_h", direction, batch, units), State(context, "initial_c", direction, batch, units) };
        Run(context, op, x, states, direction, steps, batch, units);
    }

    /// <summary>MIL's GRU applies the reset gate after the recurrent product: o = act(W_io x + b_o + r * (W_ho h)).</summary>
    public static void Gru(MilOpContext context)
    {
        var (x, steps, batch, features) = Sequence(context);
        var direction = Direction(context);
        if (direction == RecurrentDirection.Bidirectional) throw context.Unsupported("a bidirectional gru is not defined by MIL.");
        // iOS 18 adds reset_after and a separate input_bias; only their defaults (false, zeros) match the iOS 15 cell run here.
        if (context.Bool("reset_after", false) || (context.Has("input_bias") && context.Floats("input_bias").Any(v => v != 0)))
        {
            throw context.Unsupported("iOS 18 gru with reset_after = true or a nonzero input_bias is not executed yet.");
        }
        var weights = Weights(context, 3, "", features);
        var units = weights.RecurrentKernel.Shape[0];
        var op = new Parity.Engine.Ops.Recurrent.Gru(weights, null, Options(direction), GruGateOrder.CoreMLProgram,
            Function(context, "recurrent_activation", "sigmoid"), Function(context, "activation", "tanh"), resetAfter: true);
        Run(context, op, x, [State(context, "initial_h", direction, batch, units)], direction, steps, batch, units);
    }

    public static void Rnn(MilOpContext context)
    {
        var (x, steps, batch, features) = Sequence(context);
        var direction = Direction(context);
        if (direction == RecurrentDirection.Bidirectional) throw context.Unsupported("a bidirectional rnn is not defined by MIL.");
        var weights = Weights(context, 1, "", features);
        var units = weights.RecurrentKernel.Shape[0];
        var op = new Parity.Engine.Ops.Recurrent.SimpleRnn(weights, null, Options(direction), Function(context, "activation", "tanh"));
        Run(context, op, x, [State(context, "initial_h", direction, batch, units)], direction, steps, batch, units);
    }

    private static (string X, int Steps, int Batch, int Features) Sequence(MilOpContext context)
    {
        var x = context.Input("x");
        var shape = context.ShapeOf(x);
        if (shape.Rank != 3) throw context.Error("x", $"has shape {shape}; expected [sequence, batch, features].");
        return (x, shape[0], shape[1], shape[2]);
    }

    private static RecurrentDirection Direction(MilOpContext context) => context.String("direction", "forward") switch
    {
        "forward" => RecurrentDirection.Forward,
        "reverse" => RecurrentDirection.Backward,
        "bidirectional" => RecurrentDirection.Bidirectional,
        var other => throw context.Error("direction", $"is '{other}'; expected forward, reverse or bidirectional."),
    };

    private static RecurrentLayerOptions Options(RecurrentDirection direction) =>
        new(direction, BidirectionalMerge.Concat, BackwardSequenceOrder.Input, ReturnSequences: true, ReturnStates: true, HasInitialStates: true);

    /// <summary>MIL activation names (recurrent.py): sigmoid, tanh, relu, sigmoid_hard (0.2x + 0.5), scaled_tanh and linear with their defaults.</summary>
    private static Activation Function(MilOpContext context, string argument, string fallback) => context.String(argument, fallback) switch
    {
        "sigmoid" => new Activation(ActivationKind.Sigmoid),
        "tanh" => new Activation(ActivationKind.Tanh),
        "relu" => new Activation(ActivationKind.Relu),
        "sigmoid_hard" => new Activation(ActivationKind.HardSigmoid, 0.2f, 0.5f),
        "linear" => new Activation(ActivationKind.Linear),
        var other => throw context.Unsupported($"{argument} '{other}' is not executed (sigmoid, tanh, relu, sigmoid_hard and linear are)."),
    };

    /// <summary>The engine's weights [I, G*H] and [H, G*H] from MIL's [G*H, I] and [G*H, H]; gate blocks keep their order.</summary>
    private static RecurrentWeightTensors Weights(MilOpContext context, int gates, string suffix, int features)
    {
        var ih = context.Weights("weight_ih" + suffix);
        var hh = context.Weights("weight_hh" + suffix);
        if (hh.Rank != 2 || hh.Shape[0] % gates != 0 || hh.Shape[0] / gates != hh.Shape[1])
        {
            throw context.Error("weight_hh" + suffix, $"has shape {hh.Shape}; expected [{gates} * H, H].");
        }
        var units = hh.Shape[1];
        if (ih.Shape != new Shape(gates * units, features)) throw context.Error("weight_ih" + suffix, $"has shape {ih.Shape}; expected [{gates * units}, {features}].");
        var bias = context.Has("bias" + suffix) ? Vector(context, "bias" + suffix, gates * units) : null;
        return new RecurrentWeightTensors(Transposed(ih), Transposed(hh), bias);
    }

    private static Tensor Vector(MilOpContext context, string argument, int length)
    {
        var values = context.Weights(argument);
        if (values.Length != length) throw context.Error(argument, $"has shape {values.Shape}; expected [{length}].");
        return values.Rank == 1 ? values : Tensor.FromArray(values.Floats.ToArray(), length);
    }

    private static Tensor Transposed(Tensor matrix)
    {
        var (rows, columns) = (matrix.Shape[0], matrix.Shape[1]);
        var source = matrix.Floats;
        var result = new float[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++) result[c * rows + r] = source[r * columns + c];
        }
        return Tensor.FromArray(result, columns, rows);
    }

    /// <summary>An initial state: MIL gives [b, D*H] (zeros when absent); the engine takes [b, H] per direction ([2, b, H] bidirectional).</summary>
    private static string State(MilOpContext context, string argument, RecurrentDirection direction, int batch, int units)
    {
        var directions = direction == RecurrentDirection.Bidirectional ? 2 : 1;
        var value = context.Has(argument) ? context.Input(argument) : context.ConstantStep($"{argument}_zeros", Tensor.Zeros(batch, directions * units));
        var shape = context.ShapeOf(value);
        if (shape != new Shape(batch, directions * units)) throw context.Error(argument, $"has shape {shape}; expected [{batch}, {directions * units}].");
        if (directions == 1) return value;
        var split = context.EmitStep($"{argument}_directions", new ReshapeOp([batch, 2, units]), value);
        return context.EmitStep($"{argument}_direction_major", new TransposeOp([1, 0, 2]), split);
    }

    /// <summary>Moves x to the engine's batch-major layout, runs the op and lays its results out as MIL declares them.</summary>
    private static void Run(MilOpContext context, RecurrentOperator op, string x, string[] states, RecurrentDirection direction, int steps, int batch, int units)
    {
        var directions = direction == RecurrentDirection.Bidirectional ? 2 : 1;
        var batchMajor = context.EmitStep("batch_major", new TransposeOp([1, 0, 2]), x);
        var results = context.EmitSteps("recurrence", op, 1 + directions * states.Length, [batchMajor, .. states]);
        var sequence = context.EmitStep("time_major", new TransposeOp([1, 0, 2]), results[0]);
        var outputSequence = context.Bool("output_sequence", false);
        if (outputSequence)
        {
            context.EmitOutput(0, new Parity.Engine.Ops.Core.Identity(), sequence);
        }
        else
        {
            // The last output is each direction's final h: the backward pass ends at input step 0.
            var last = directions == 1 ? results[1] : context.EmitStep("last", new ConcatOp(1), results[1], results[1 + states.Length]);
            context.EmitOutput(0, new ReshapeOp([1, batch, directions * units]), last);
        }
        for (var s = 0; s < states.Length && 1 + s < context.OutputCount; s++)
        {
            var perDirection = Enumerable.Range(0, directions).Select(d => results[1 + d * states.Length + s]).ToArray();
            context.EmitOutput(1 + s, directions == 1 ? new Parity.Engine.Ops.Core.Identity() : new ConcatOp(1), perDirection);
        }
    }
}
