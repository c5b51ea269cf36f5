using System.Globalization;
using Parity.Engine.Graph;
using Parity.Engine.Ops.Core;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format.Mil;
using Tensor = Parity.Engine.Tensors.Tensor;
using TensorType = Parity.Engine.Tensors.TensorType;

namespace Parity.Spec.CoreML.MLProgram;

/// <summary>A nested block built as a graph of its own (<see cref="MilOpContext.BuildSubgraph"/>): its graph, its graph inputs in order, and its outputs (graph outputs, with contents when known while reading).</summary>
public sealed record MilSubgraph(Graph Graph, IReadOnlyList<string> Inputs, IReadOnlyList<MilValue> Outputs);

/// <summary>
/// What an op builder sees while turning one MIL operation into engine nodes (see <see cref="MilOps"/>).
/// <para>
/// Arguments are read by name, either as graph values (<see cref="Input"/>: runtime data, constants become Constant
/// nodes) or as values known at read time (<see cref="Constant"/>, and the typed <see cref="Int(string)"/>,
/// <see cref="Ints(string)"/>, <see cref="Float(string)"/>, <see cref="Bool(string)"/>, <see cref="String(string)"/>
/// and <see cref="Weights"/> helpers, each with an overload taking the default MIL defines for an optional argument).
/// </para>
/// <para>
/// Results: <see cref="Emit"/> produces the op's first output, <see cref="EmitOutputs"/> all of them from one engine
/// op, <see cref="EmitOutput"/> one by index, <see cref="EmitStep"/> an internal value, <see cref="SetConstant"/>
/// an output known at read time (e.g. the shape op), and <see cref="DefineConstant"/> one that acts as a const op's
/// value (a decompressed weight). Every declared output must be produced; the reader checks each against the shape and
/// element type the program declares for it.
/// </para>
/// Every float MIL type (fp16, fp32, bf16...) is carried as engine float32: fp16 compute is modelled by the run's
/// precision (<see cref="ExecutableModel.Precision"/>), not by the dtype of graph values.
/// </summary>
public sealed class MilOpContext
{
    private readonly MilGraphState _state;
    private readonly string[] _outputs;

    internal MilOpContext(MilGraphState state, Operation operation, string[] outputs)
    {
        _state = state;
        Operation = operation;
        _outputs = outputs;
    }

    /// <summary>The operation being built.</summary>
    public Operation Operation { get; }

    /// <summary>The MIL op type, e.g. "conv".</summary>
    public string OpType => Operation.Type;

    /// <summary>The MIL name of the op's first output, which names the op in errors.</summary>
    public string Name => Operation.Outputs.Count > 0 ? Operation.Outputs[0].Name : "(no output)";

    /// <summary>The iOS version of the function's opset: 15 for CoreML5 (iOS 15), 16 for CoreML6, 17 for CoreML7, 18 for CoreML8.</summary>
    public int OpsetVersion => _state.OpsetVersion;

    /// <summary>The number of outputs the program declares for this op.</summary>
    public int OutputCount => Operation.Outputs.Count;

    /// <summary>The MIL element type the program declares for output <paramref name="index"/> (UnusedType when it declares no tensor).</summary>
    public DataType OutputDataType(int index = 0) => Operation.Outputs[index].Type?.TensorType?.DataType ?? DataType.UnusedType;

    /// <summary>True when the op binds <paramref name="argument"/>.</summary>
    public bool Has(string argument) => Operation.Inputs.TryGetValue(argument, out var a) && a.Arguments.Count > 0;

    /// <summary>The engine type of graph value <paramref name="value"/>.</summary>
    public TensorType TypeOf(string value) => _state.Types[value];

    /// <summary>The shape of graph value <paramref name="value"/>.</summary>
    public Shape ShapeOf(string value) => _state.Types[value].Shape;

    /// <summary>The MIL element type of a single-valued argument.</summary>
    public DataType DataTypeOf(string argument) => Value(argument).DataType;

    /// <summary>The shape of a single-valued argument (whether it is runtime data or a constant).</summary>
    public Shape ArgumentShape(string argument) => Value(argument).Shape;

    /// <summary>A required single-valued argument as a graph value (a constant becomes a Constant node).</summary>
    public string Input(string argument) => _state.Materialize(Value(argument), Error(argument));

    /// <summary>A variadic argument (e.g. concat's values) as graph values, in order.</summary>
    public IReadOnlyList<string> Inputs(string argument) => Values(argument).Select(v => _state.Materialize(v, Error(argument))).ToList();

    /// <summary>The number of values bound to <paramref name="argument"/> (0 when absent).</summary>
    public int ArgumentCount(string argument) => Operation.Inputs.TryGetValue(argument, out var a) ? a.Arguments.Count : 0;

    /// <summary>True when <paramref name="argument"/> is bound and its contents are known at read time.</summary>
    public bool IsConstant(string argument) => Has(argument) && Values(argument).All(v => v.IsConstant);

    /// <summary>A required argument whose contents must be known at read time (weights, axes, modes...).</summary>
    public MilConstant Constant(string argument) =>
        Value(argument).Constant ?? throw Unsupported($"argument '{argument}' is computed at run time; Parity needs it as a constant here.");

    /// <summary>An optional known argument, or null when the op does not bind it.</summary>
    public MilConstant? OptionalConstant(string argument) => Has(argument) ? Constant(argument) : null;

    /// <summary>A variadic argument whose contents must all be known at read time.</summary>
    public IReadOnlyList<MilConstant> Constants(string argument) =>
        Values(argument).Select(v => v.Constant ?? throw Unsupported($"argument '{argument}' is computed at run time; Parity needs it as a constant here.")).ToList();

    /// <summary>A required scalar integer argument.</summary>
    public int Int(string argument)
    {
        var values = Ints(argument);
        return values.Length == 1 ? values[0] : throw Error(argument, $"holds {values.Length} values; expected one integer.");
    }

    /// <summary>An optional scalar integer argument.</summary>
    public int Int(string argument, int fallback) => Has(argument) ? Int(argument) : fallback;

    /// <summary>A required integer argument of any rank, flattened.</summary>
    public int[] Ints(string argument)
    {
        var constant = Constant(argument);
        if (constant.IsString) throw Error(argument, $"is a string; expected integers.");
        return constant.ToLongs().Select(v => v is < int.MinValue or > int.MaxValue ? throw Error(argument, $"holds {v}, outside the 32-bit range.") : (int)v).ToArray();
    }

    /// <summary>An optional integer argument.</summary>
    public int[] Ints(string argument, int[] fallback) => Has(argument) ? Ints(argument) : fallback;

    /// <summary>A required scalar float argument.</summary>
    public float Float(string argument)
    {
        var values = Floats(argument);
        return values.Length == 1 ? values[0] : throw Error(argument, $"holds {values.Length} values; expected one number.");
    }

    /// <summary>An optional scalar float argument.</summary>
    public float Float(string argument, float fallback) => Has(argument) ? Float(argument) : fallback;

    /// <summary>A required numeric argument of any rank as float32, flattened.</summary>
    public float[] Floats(string argument)
    {
        var constant = Constant(argument);
        if (constant.IsString) throw Error(argument, "is a string; expected numbers.");
        return constant.ToFloats();
    }

    /// <summary>A required scalar bool argument.</summary>
    public bool Bool(string argument)
    {
        var values = Constant(argument).ToLongs();
        return values.Length == 1 ? values[0] != 0 : throw Error(argument, $"holds {values.Length} values; expected one bool.");
    }

    /// <summary>An optional scalar bool argument.</summary>
    public bool Bool(string argument, bool fallback) => Has(argument) ? Bool(argument) : fallback;

    /// <summary>A required scalar string argument (pad_type, mode, dtype...).</summary>
    public string String(string argument)
    {
        var constant = Constant(argument);
        return constant.Strings is [var text] ? text : throw Error(argument, $"is {constant}; expected one string.");
    }

    /// <summary>An optional scalar string argument.</summary>
    public string String(string argument, string fallback) => Has(argument) ? String(argument) : fallback;

    /// <summary>A required known float argument as a float32 tensor of its declared shape (weights, biases, statistics).</summary>
    public Tensor Weights(string argument)
    {
        var constant = Constant(argument);
        if (constant.Tensor is not { } tensor) throw Error(argument, "is a string; expected numbers.");
        return tensor.DType == DType.Float32 ? tensor : tensor.ToFloat32();
    }

    /// <summary>An optional known float argument as a float32 tensor, or null when absent.</summary>
    public Tensor? OptionalWeights(string argument) => Has(argument) ? Weights(argument) : null;

    /// <summary>Adds a node producing the op's first output; returns its graph value.</summary>
    public string Emit(IOperator op, params string[] inputs) => EmitOutput(0, op, inputs);

    /// <summary>Adds a node producing the op's output <paramref name="index"/>; returns its graph value.</summary>
    public string EmitOutput(int index, IOperator op, params string[] inputs)
    {
        var value = OutputSlot(index);
        _state.Add(value, op, inputs, [value], Error("input"));
        return value;
    }

    /// <summary>Adds one node producing all of the op's outputs in order; returns their graph values.</summary>
    public IReadOnlyList<string> EmitOutputs(IOperator op, params string[] inputs)
    {
        var values = Enumerable.Range(0, OutputCount).Select(OutputSlot).ToArray();
        _state.Add(values.Length > 0 ? values[0] : Name, op, inputs, values, Error("input"));
        return values;
    }

    /// <summary>Adds a node producing an internal value named "{op output}/{step}" (not a MIL value); returns it.</summary>
    public string EmitStep(string step, IOperator op, params string[] inputs)
    {
        var value = _state.FreshValue($"{Name}/{step}");
        _state.Add(value, op, inputs, [value], Error("input"));
        return value;
    }

    /// <summary>Adds a node with <paramref name="count"/> internal outputs named "{op output}/{step}:k"; returns them.</summary>
    public IReadOnlyList<string> EmitSteps(string step, IOperator op, int count, params string[] inputs)
    {
        var values = Enumerable.Range(0, count).Select(k => _state.FreshValue($"{Name}/{step}:{k}")).ToArray();
        _state.Add($"{Name}/{step}", op, inputs, values, Error("input"));
        return values;
    }

    /// <summary>A graph value holding <paramref name="value"/>, named "{op output}/{step}" (for constants the op computes itself).</summary>
    public string ConstantStep(string step, Tensor value) => EmitStep(step, new Constant(value));

    /// <summary>Output <paramref name="index"/> is known at read time: it becomes a Constant node of that value.</summary>
    public void SetConstant(int index, MilConstant value)
    {
        if (value.Tensor is null) throw Error("output", "would be a string tensor, which cannot be a graph value.");
        var name = OutputSlot(index);
        _state.Add(name, new Constant(value.Tensor), [], [name], Error("output"));
        _state.Known[name] = value;
    }

    /// <summary>
    /// Output <paramref name="index"/> is a read-time constant that behaves like a const op's value (the constexpr_*
    /// weight-decompression ops): no node is added now; it becomes a Constant node only if an op reads it as data.
    /// </summary>
    public void DefineConstant(int index, MilConstant value)
    {
        if (value.Tensor is null) throw Error("output", "would be a string tensor, which cannot be a graph value.");
        _state.ReadTimeOutputs[OutputSlot(index)] = value;
    }

    /// <summary>The graph value carrying <paramref name="value"/> (a constant becomes a Constant node the first time).</summary>
    public string Materialize(MilValue value) => _state.Materialize(value, Error(value.Name));

    /// <summary>The values bound to <paramref name="argument"/> (graph values or read-time constants), e.g. while_loop's loop_vars.</summary>
    public IReadOnlyList<MilValue> ArgumentValues(string argument) => Values(argument);

    /// <summary>The number of nested blocks the op holds (cond: 2, while_loop: 2).</summary>
    public int BlockCount => Operation.Blocks.Count;

    /// <summary>
    /// Builds nested block <paramref name="index"/> with its inputs bound to <paramref name="inputs"/> and returns the
    /// block's outputs. Values the block defines go out of scope afterwards, so a block can be built again (a loop body
    /// unrolled once per iteration); its values get fresh graph names each time. An unsupported op inside the block
    /// makes this op unsupported.
    /// </summary>
    public IReadOnlyList<MilValue> BuildBlock(int index, IReadOnlyList<MilValue> inputs)
    {
        if (index < 0 || index >= Operation.Blocks.Count) throw Error("blocks", $"holds {Operation.Blocks.Count} blocks; block {index} was asked for.");
        var block = Operation.Blocks[index];
        if (block.Inputs.Count != inputs.Count) throw Error($"block {index}", $"declares {block.Inputs.Count} inputs; {inputs.Count} values are bound to them.");
        var scope = new Dictionary<string, MilValue>(_state.Values);
        _state.NestingDepth++;
        try
        {
            for (var k = 0; k < inputs.Count; k++)
            {
                _state.Values[block.Inputs[k].Name] = inputs[k] with { Name = block.Inputs[k].Name };
            }
            var unsupported = new List<UnsupportedLayer>();
            var blocked = new HashSet<string>();
            MilProgramReader.BuildOperations(_state, block.Operations, unsupported, blocked);
            if (unsupported.Count > 0) throw Unsupported($"its block {index} holds op '{unsupported[0].Name}' ({unsupported[0].Type}): {unsupported[0].Reason}");
            return block.Outputs.Select(name => _state.Values.TryGetValue(name, out var value) ? value
                : throw Error($"block {index}", $"names output '{name}', which nothing in or around the block defines.")).ToList();
        }
        finally
        {
            _state.NestingDepth--;
            _state.Values.Clear();
            foreach (var (name, value) in scope) _state.Values[name] = value;
        }
    }

    /// <summary>
    /// Values from around the op that its nested blocks read and that are known only at run time, as (MIL name, graph
    /// value) pairs in first-read order: the inputs a block built as a graph of its own (<see cref="BuildSubgraph"/>) takes
    /// from outside.
    /// </summary>
    public IReadOnlyList<(string Name, string GraphValue)> RuntimeCaptures()
    {
        var names = Operation.Blocks.SelectMany(b => b.Operations.SelectMany(MilProgramReader.ReadNames).Concat(b.Outputs)).Distinct();
        return names.Where(n => _state.Values.TryGetValue(n, out var v) && !v.IsConstant && v.GraphValue is not null)
            .Select(n => (n, _state.Values[n].GraphValue!)).ToList();
    }

    /// <summary>
    /// Builds nested block <paramref name="index"/> as a graph of its own, for an engine op that runs it (a while_loop's
    /// condition or body), rather than into the program's graph. Block input k is bound to <paramref name="inputs"/>[k]:
    /// when <paramref name="inputNames"/>[k] is given it becomes that graph input (its value changes from run to run);
    /// otherwise a constant stays a constant and a run-time value becomes a graph input named by its graph value. Each of
    /// <paramref name="captures"/> (see <see cref="RuntimeCaptures"/>) becomes a graph input named by its graph value.
    /// Each block output gets a graph output of its own, in order. An unsupported op inside makes this op unsupported.
    /// </summary>
    public MilSubgraph BuildSubgraph(int index, IReadOnlyList<MilValue> inputs, IReadOnlyList<string?> inputNames, IReadOnlyList<(string Name, string GraphValue)> captures)
    {
        if (index < 0 || index >= Operation.Blocks.Count) throw Error("blocks", $"holds {Operation.Blocks.Count} blocks; block {index} was asked for.");
        var block = Operation.Blocks[index];
        if (block.Inputs.Count != inputs.Count) throw Error($"block {index}", $"declares {block.Inputs.Count} inputs; {inputs.Count} values are bound to them.");
        var child = _state.Child();
        var graphInputs = new List<string>();
        void AddInput(string milName, MilValue value, string graphName)
        {
            child.Values[milName] = value with { Name = milName, GraphValue = graphName, Constant = null };
            if (graphInputs.Contains(graphName)) return;
            var type = value.GraphValue is { } outer ? _state.Types[outer] : new TensorType(value.Constant!.Tensor!.DType, value.Shape);
            child.AddInput(graphName, type);
            graphInputs.Add(graphName);
        }
        for (var k = 0; k < inputs.Count; k++)
        {
            var name = block.Inputs[k].Name;
            if (inputNames[k] is { } given) AddInput(name, inputs[k], given);
            else if (inputs[k].IsConstant) child.Values[name] = inputs[k] with { Name = name, GraphValue = null };
            else AddInput(name, inputs[k], inputs[k].GraphValue!);
        }
        foreach (var (name, graphValue) in captures) AddInput(name, _state.Values[name], graphValue);
        foreach (var (name, value) in _state.Values)
        {
            // Constants from around the block stay constants of its graph.
            if (value.IsConstant && !child.Values.ContainsKey(name)) child.Values[name] = value with { GraphValue = null };
        }
        var unsupported = new List<UnsupportedLayer>();
        MilProgramReader.BuildOperations(child, block.Operations, unsupported, []);
        if (unsupported.Count > 0) throw Unsupported($"its block {index} holds op '{unsupported[0].Name}' ({unsupported[0].Type}): {unsupported[0].Reason}");
        var outputs = new List<MilValue>();
        for (var k = 0; k < block.Outputs.Count; k++)
        {
            var value = child.Values.TryGetValue(block.Outputs[k], out var found) ? found
                : throw Error($"block {index}", $"names output '{block.Outputs[k]}', which nothing in or around the block defines.");
            var output = child.FreshValue($"{Name}/block{index}:{k}");
            child.Add(output, new Identity(), [child.Materialize(value, Error($"block {index}"))], [output], Error($"block {index}"));
            child.Builder.AddOutput(output);
            outputs.Add(value with { GraphValue = output });
        }
        try
        {
            return new MilSubgraph(child.Builder.Build(), graphInputs, outputs);
        }
        catch (GraphException e)
        {
            throw Error($"block {index}", e.Message);
        }
    }

    /// <summary>Output <paramref name="index"/> carries <paramref name="value"/> (through an Identity node, so every op output is a node of its own).</summary>
    public void SetOutput(int index, MilValue value)
    {
        if (value.GraphValue is null && value.Constant is { } constant)
        {
            SetConstant(index, constant);
            return;
        }
        EmitOutput(index, new Identity(), value.GraphValue!);
    }

    /// <summary>Records this op as the program's classifier: its labels and the graph value carrying the class probabilities.</summary>
    internal void SetClassifier(MilConstant classes, string probabilities) => _state.Classifier = (classes, probabilities);

    /// <summary>A format error naming this op, its output and <paramref name="argument"/>.</summary>
    public ModelFormatException Error(string argument, string problem) =>
        new(_state.Path, $"op '{Name}' ({OpType}): {argument}", problem);

    /// <summary>This op cannot be executed: everything depending on it is left out and listed with <paramref name="reason"/>.</summary>
    public UnsupportedLayerException Unsupported(string reason) => new(_state.Path, new UnsupportedLayer(Name, OpType, reason));

    /// <summary>Formats numbers the way messages show them.</summary>
    public static string Text(IEnumerable<int> values) => "[" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";

    internal Func<string, Exception> Error(string argument) => problem => Error(argument, problem);

    internal IReadOnlyList<MilValue> Values(string argument)
    {
        if (!Operation.Inputs.TryGetValue(argument, out var bound) || bound.Arguments.Count == 0)
        {
            throw Error(argument, "is missing; this op requires it.");
        }
        var values = new List<MilValue>(bound.Arguments.Count);
        for (var k = 0; k < bound.Arguments.Count; k++)
        {
            var binding = bound.Arguments[k];
            switch (binding.BindingCase)
            {
                case Argument.Types.Binding.BindingOneofCase.Name:
                    values.Add(_state.Values.TryGetValue(binding.Name, out var value) ? value
                        : throw Error(argument, $"reads value '{binding.Name}', which no function input or earlier op defines."));
                    break;
                case Argument.Types.Binding.BindingOneofCase.Value:
                    var constant = MilValueDecoder.Decode(binding.Value, _state.Weights, Error(argument));
                    var name = bound.Arguments.Count == 1 ? $"{Name}/{argument}" : $"{Name}/{argument}:{k}";
                    values.Add(new MilValue(name, constant.DataType, constant.Shape, null, constant));
                    break;
                default:
                    throw Error(argument, "has an empty binding (neither a value name nor an immediate value).");
            }
        }
        return values;
    }

    private MilValue Value(string argument)
    {
        var values = Values(argument);
        return values.Count == 1 ? values[0] : throw Error(argument, $"binds {values.Count} values; expected one.");
    }

    private string OutputSlot(int index)
    {
        if (index < 0 || index >= _outputs.Length) throw Error("output", $"declares {_outputs.Length} outputs; the builder produced output {index}.");
        return _outputs[index];
    }
}
