using Google.Protobuf;
using Parity.Engine.Graph;
using Parity.Spec.CoreML;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.Format.Mil;
using Parity.Spec.CoreML.MLProgram;
using Tensor = Parity.Engine.Tensors.Tensor;
using ValueType = Parity.Spec.CoreML.Format.Mil.ValueType;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>
/// Builds a tiny ML Program in memory (one "main" function, one block) for op tests: declare inputs, add ops whose
/// arguments are value names or immediate values, name the outputs; <see cref="Read"/> writes it to a temporary
/// .mlmodel and reads it back through <see cref="MilProgramReader"/>, <see cref="Run"/> also executes it.
/// </summary>
internal sealed class MilTestProgram(string opset = "CoreML5")
{
    private readonly Function _function = new() { Opset = opset };
    private readonly Block _block = new();

    public MilTestProgram Input(string name, DataType type, params int[] shape)
    {
        _function.Inputs.Add(new NamedValueType { Name = name, Type = TypeOf(type, shape) });
        return this;
    }

    /// <summary>
    /// Adds an op. Each output is (name, type, shape); a null shape declares the type only. Each argument binds a value
    /// name (string), an immediate <see cref="Value"/>, or several of either (string[] / Value[]) for variadic inputs.
    /// </summary>
    public MilTestProgram Op(string type, (string Name, DataType Type, int[]? Shape)[] outputs, params (string Name, object Binding)[] arguments) =>
        Add(BlockOp(type, outputs, arguments));

    /// <summary>Adds an op built by hand (one with nested blocks, such as cond or while_loop).</summary>
    public MilTestProgram Add(Operation op)
    {
        _block.Operations.Add(op);
        return this;
    }

    /// <summary>An op as <see cref="Op(string, (string, DataType, int[]?)[], (string, object)[])"/> describes it, for a nested block.</summary>
    public static Operation BlockOp(string type, (string Name, DataType Type, int[]? Shape)[] outputs, params (string Name, object Binding)[] arguments)
    {
        var op = new Operation { Type = type };
        foreach (var (name, dataType, shape) in outputs) op.Outputs.Add(new NamedValueType { Name = name, Type = TypeOf(dataType, shape) });
        foreach (var (name, binding) in arguments)
        {
            var argument = new Argument();
            var items = binding switch
            {
                string[] names => names.Cast<object>().ToArray(),
                Value[] values => values.Cast<object>().ToArray(),
                _ => [binding],
            };
            foreach (var item in items)
            {
                argument.Arguments.Add(item switch
                {
                    string valueName => new Argument.Types.Binding { Name = valueName },
                    Value value => new Argument.Types.Binding { Value = value },
                    _ => throw new ArgumentException($"Argument '{name}' binds a {item.GetType().Name}; expected a value name or a Value."),
                });
            }
            op.Inputs[name] = argument;
        }
        return op;
    }

    /// <summary>A one-output op for a nested block.</summary>
    public static Operation BlockOp(string type, string output, DataType outputType, int[]? outputShape, params (string Name, object Binding)[] arguments) =>
        BlockOp(type, [(output, outputType, outputShape)], arguments);

    /// <summary>A typed name: a block input or an op output.</summary>
    public static NamedValueType Named(string name, DataType type, params int[]? shape) => new() { Name = name, Type = TypeOf(type, shape) };

    /// <summary>A one-output op.</summary>
    public MilTestProgram Op(string type, string output, DataType outputType, int[]? outputShape, params (string Name, object Binding)[] arguments) =>
        Op(type, [(output, outputType, outputShape)], arguments);

    /// <summary>A const op named <paramref name="name"/>.</summary>
    public MilTestProgram Const(string name, Value value)
    {
        var op = new Operation { Type = "const" };
        op.Outputs.Add(new NamedValueType { Name = name, Type = value.Type });
        op.Attributes["val"] = value;
        _block.Operations.Add(op);
        return this;
    }

    public MilTestProgram Output(params string[] names)
    {
        _block.Outputs.Add(names);
        return this;
    }

    public MilProgramModel Read()
    {
        _function.BlockSpecializations[_function.Opset] = _block;
        var program = new Program { Version = 1 };
        program.Functions["main"] = _function;
        var model = new Model { SpecificationVersion = 6 + (MilProgramReader.OpsetVersion(_function.Opset) - 15), MlProgram = program };
        var path = Path.Combine(Path.GetTempPath(), $"parity-milops-{Guid.NewGuid():N}.mlmodel");
        try
        {
            File.WriteAllBytes(path, model.ToByteArray());
            return MilProgramReader.Read(CoreMLModelFile.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Reads and runs the program at its own precision (or <paramref name="precision"/>); returns each output's values as float32.</summary>
    public Dictionary<string, float[]> Run(Dictionary<string, Tensor>? inputs = null, Precision? precision = null)
    {
        var model = Read();
        Assert.Empty(model.Unsupported);
        using var result = Executor.Run(model.Graph, inputs ?? [], new ExecutionOptions { Precision = precision ?? model.Precision });
        Assert.True(result.Completed, string.Join("; ", result.Failures.Select(f => f.ToString()).Concat(result.Skipped.Select(s => s.ToString()))));
        return model.Outputs.ToDictionary(o => o.Key, o =>
        {
            using var floats = result[o.Value].ToFloat32();
            return floats.Floats.ToArray();
        });
    }

    public static ValueType TypeOf(DataType type, int[]? shape)
    {
        var tensor = new TensorType { DataType = type, Rank = shape?.Length ?? -1 };
        if (shape is not null) tensor.Dimensions.Add(shape.Select(d => new Dimension { Constant = new Dimension.Types.ConstantDimension { Size = (ulong)d } }));
        return new ValueType { TensorType = tensor };
    }

    public static Value Floats(int[] shape, params float[] values) => Floats(DataType.Float32, shape, values);

    public static Value Floats(DataType type, int[] shape, params float[] values)
    {
        var tensor = new TensorValue { Floats = new TensorValue.Types.RepeatedFloats() };
        tensor.Floats.Values.Add(values);
        return Immediate(type, shape, tensor);
    }

    public static Value Float(float value) => Floats([], value);

    public static Value Ints(params int[] values) => IntTensor(DataType.Int32, [values.Length], values);

    public static Value IntTensor(DataType type, int[] shape, params int[] values)
    {
        var tensor = new TensorValue { Ints = new TensorValue.Types.RepeatedInts() };
        tensor.Ints.Values.Add(values);
        return Immediate(type, shape, tensor);
    }

    public static Value Int(int value) => IntTensor(DataType.Int32, [], value);

    public static Value Bool(bool value)
    {
        var tensor = new TensorValue { Bools = new TensorValue.Types.RepeatedBools() };
        tensor.Bools.Values.Add(value);
        return Immediate(DataType.Bool, [], tensor);
    }

    public static Value Bools(int[] shape, params bool[] values)
    {
        var tensor = new TensorValue { Bools = new TensorValue.Types.RepeatedBools() };
        tensor.Bools.Values.Add(values);
        return Immediate(DataType.Bool, shape, tensor);
    }

    public static Value String(string value)
    {
        var tensor = new TensorValue { Strings = new TensorValue.Types.RepeatedStrings() };
        tensor.Strings.Values.Add(value);
        return Immediate(DataType.String, [], tensor);
    }

    /// <summary>Raw little-endian bytes (int8, uint8, sub-byte packed types...).</summary>
    public static Value Bytes(DataType type, int[] shape, params byte[] bytes) =>
        Immediate(type, shape, new TensorValue { Bytes = new TensorValue.Types.RepeatedBytes { Values = ByteString.CopyFrom(bytes) } });

    public static Tensor Data(int[] shape, params float[] values) => Engine.Tensors.Tensor.FromArray(values, shape);

    private static Value Immediate(DataType type, int[] shape, TensorValue tensor) =>
        new() { Type = TypeOf(type, shape), ImmediateValue = new Value.Types.ImmediateValue { Tensor = tensor } };
}
