using Google.Protobuf;
using Parity.Engine.Graph;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.Format.Mil;
using Shape = Parity.Engine.Tensors.Shape;
using Tensor = Parity.Engine.Tensors.Tensor;
using TensorType = Parity.Spec.CoreML.Format.Mil.TensorType;
using ValueType = Parity.Spec.CoreML.Format.Mil.ValueType;

namespace Parity.Spec.Tests.CoreML.MLProgram;

/// <summary>Small programs written here op by op, saved as bare .mlmodel files, with results computed by hand.</summary>
public class MLProgramHandBuiltTests
{
    [Fact]
    public void A_bare_mlmodel_with_an_fp16_program_rounds_each_op_result_to_half()
    {
        // b holds [0.5, -1, 2, 0.1] as fp16 bytes; 0.1 is stored as the half 0.0999755859375.
        var half = new[] { (Half)0.5f, (Half)(-1f), (Half)2f, (Half)0.1f }.SelectMany(h => BitConverter.GetBytes(h)).ToArray();
        var block = new Block { Outputs = { "out" } };
        block.Operations.Add(Const("b", new Value { Type = Type(DataType.Float16, 2, 2), ImmediateValue = new() { Tensor = new TensorValue { Bytes = new() { Values = ByteString.CopyFrom(half) } } } }));
        block.Operations.Add(Const("fp16", Strings("fp16")));
        block.Operations.Add(Const("fp32", Strings("fp32")));
        block.Operations.Add(Op("cast", "x16", Type(DataType.Float16, 2, 2), ("x", "x"), ("dtype", "fp16")));
        block.Operations.Add(Op("add", "s", Type(DataType.Float16, 2, 2), ("x", "x16"), ("y", "b")));
        block.Operations.Add(Op("cast", "out", Type(DataType.Float32, 2, 2), ("x", "s"), ("dtype", "fp32")));
        using var temp = new TemporaryDirectory();
        var model = ModelFiles.Load(Save(temp, block, Type(DataType.Float32, 2, 2), "out"));

        Assert.Equal(Precision.Float16, model.Precision);
        Assert.Equal(["cast", "add", "cast"], model.Layers.Select(l => l.Type));
        using var x = Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2);
        using var result = Executor.Run(model.Graph, new Dictionary<string, Tensor> { ["x"] = x }, new ExecutionOptions { Precision = model.Precision });
        // 1 + 0.5, 2 - 1, 3 + 2 are halves; 4 + 0.0999755859375 lies between the halves 4.09765625 and 4.1015625
        // (spacing 2^-8 above 4) and is nearer the second.
        Assert.Equal([1.5f, 1f, 5f, 4.1015625f], result["out"].Floats.ToArray());
    }

    [Fact]
    public void A_while_loop_with_a_counter_is_unrolled()
    {
        // acc doubles while i < 3: three iterations multiply x by 8.
        var block = new Block { Outputs = { "result" } };
        block.Operations.Add(Const("zero", Ints([0], 1)));
        block.Operations.Add(Const("three", Ints([3], 1)));
        block.Operations.Add(Const("one", Ints([1], 1)));
        block.Operations.Add(Const("two", new Value { Type = Type(DataType.Float32), ImmediateValue = new() { Tensor = new TensorValue { Floats = new() { Values = { 2f } } } } }));
        var loop = new Operation { Type = "while_loop" };
        loop.Inputs["loop_vars"] = new Argument { Arguments = { new Argument.Types.Binding { Name = "zero" }, new Argument.Types.Binding { Name = "x" } } };
        loop.Outputs.Add(new NamedValueType { Name = "count", Type = Type(DataType.Int32, 1) });
        loop.Outputs.Add(new NamedValueType { Name = "result", Type = Type(DataType.Float32, 1, 2) });
        var condition = new Block { Inputs = { Named("i", Type(DataType.Int32, 1)), Named("acc", Type(DataType.Float32, 1, 2)) }, Outputs = { "going" } };
        condition.Operations.Add(Op("less", "going", Type(DataType.Bool, 1), ("x", "i"), ("y", "three")));
        var body = new Block { Inputs = { Named("i", Type(DataType.Int32, 1)), Named("acc", Type(DataType.Float32, 1, 2)) }, Outputs = { "next_i", "doubled" } };
        body.Operations.Add(Op("add", "next_i", Type(DataType.Int32, 1), ("x", "i"), ("y", "one")));
        body.Operations.Add(Op("mul", "doubled", Type(DataType.Float32, 1, 2), ("x", "acc"), ("y", "two")));
        loop.Blocks.Add(condition);
        loop.Blocks.Add(body);
        block.Operations.Add(loop);
        using var temp = new TemporaryDirectory();
        var model = ModelFiles.Load(Save(temp, block, Type(DataType.Float32, 1, 2), "result"));

        Assert.Equal(Precision.Float32, model.Precision);
        using var x = Tensor.FromArray([1f, -2.5f], 1, 2);
        using var result = Executor.Run(model.Graph, new Dictionary<string, Tensor> { ["x"] = x });
        Assert.Equal([8f, -20f], result[model.Graph.Outputs.Single()].Floats.ToArray());
    }

    private static string Save(TemporaryDirectory temp, Block block, ValueType inputType, string output)
    {
        var function = new Function { Opset = "CoreML5", Inputs = { Named("x", inputType) } };
        function.BlockSpecializations["CoreML5"] = block;
        var program = new Program { Version = 1 };
        program.Functions["main"] = function;
        var shape = inputType.TensorType.Dimensions.Select(d => (long)d.Constant.Size);
        var description = new ModelDescription();
        description.Input.Add(new FeatureDescription { Name = "x", Type = new FeatureType { MultiArrayType = new ArrayFeatureType { DataType = ArrayFeatureType.Types.ArrayDataType.Float32, Shape = { shape } } } });
        description.Output.Add(new FeatureDescription { Name = output, Type = new FeatureType { MultiArrayType = new ArrayFeatureType { DataType = ArrayFeatureType.Types.ArrayDataType.Float32 } } });
        var model = new Model { SpecificationVersion = 6, Description = description, MlProgram = program };
        return temp.WriteFile("program.mlmodel", model.ToByteArray());
    }

    private static ValueType Type(DataType dataType, params int[] dims)
    {
        var type = new TensorType { DataType = dataType, Rank = dims.Length };
        foreach (var d in dims) type.Dimensions.Add(new Dimension { Constant = new Dimension.Types.ConstantDimension { Size = (ulong)d } });
        return new ValueType { TensorType = type };
    }

    private static NamedValueType Named(string name, ValueType type) => new() { Name = name, Type = type };

    private static Value Strings(string text) => new()
    {
        Type = Type(DataType.String),
        ImmediateValue = new() { Tensor = new TensorValue { Strings = new() { Values = { text } } } },
    };

    private static Value Ints(int[] values, params int[] shape) => new()
    {
        Type = Type(DataType.Int32, shape),
        ImmediateValue = new() { Tensor = new TensorValue { Ints = new() { Values = { values } } } },
    };

    private static Operation Const(string name, Value value)
    {
        var op = new Operation { Type = "const" };
        op.Outputs.Add(new NamedValueType { Name = name, Type = value.Type });
        op.Attributes["val"] = value;
        return op;
    }

    private static Operation Op(string type, string output, ValueType outputType, params (string Argument, string Value)[] arguments)
    {
        var op = new Operation { Type = type };
        foreach (var (argument, value) in arguments) op.Inputs[argument] = new Argument { Arguments = { new Argument.Types.Binding { Name = value } } };
        op.Outputs.Add(new NamedValueType { Name = output, Type = outputType });
        return op;
    }
}
