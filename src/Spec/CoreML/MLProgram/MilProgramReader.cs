using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.Format.Mil;
using Parity.Spec.CoreML.NeuralNetwork;
using TensorType = Parity.Engine.Tensors.TensorType;

namespace Parity.Spec.CoreML.MLProgram;

/// <summary>
/// Turns a Core ML ML Program (an .mlpackage, or an .mlmodel holding an mlProgram) into an engine graph that computes
/// what the program computes, op by op with MIL semantics (see <see cref="MilOps"/>).
/// <para>
/// The program's function ("main", or the model's default function) is read in its opset's block specialization
/// (CoreML5..CoreML8 = iOS 15..18). Function inputs become graph inputs, ops become nodes whose values keep their MIL
/// names, and the block's outputs become graph outputs under the model description's output names. Const ops are
/// decoded at once (immediate values or weight blobs) and become graph values only when an op reads them as data;
/// integer and bool results of ops on constants are also known at read time, which lets shape arithmetic and loop
/// counters fold. Ops Parity cannot execute are listed as unsupported and everything depending on them is skipped.
/// </para>
/// Every float type is carried as float32; when the program's ops compute in fp16 the model's precision is Float16, so
/// runs round each fp16 op result to half as an fp16 device does, while values the program declares fp32 (inputs, and
/// every node of an op declaring no fp16 output, such as the lstm coremltools keeps in fp32) stay unrounded
/// (<see cref="Graph.Float32Values"/>).
/// </summary>
public static class MilProgramReader
{
    public static MilProgramModel Read(string path) => Read(CoreMLModelFile.Load(path));

    public static MilProgramModel Read(CoreMLModelFile file, ModelLoadOptions? options = null)
    {
        var model = file.Model;
        if (model.TypeCase != Model.TypeOneofCase.MlProgram)
        {
            throw new ModelFormatException(file.Path, "Model.Type", $"is {model.TypeCase}; this reader executes mlProgram models.");
        }
        var program = model.MlProgram;
        var (functionName, function) = SelectFunction(file, program);
        var opset = function.Opset;
        if (!function.BlockSpecializations.TryGetValue(opset, out var block))
        {
            block = function.BlockSpecializations.Count == 1 ? function.BlockSpecializations.Values.Single()
                : throw new ModelFormatException(file.Path, $"function '{functionName}'",
                    $"has no block for its opset '{opset}' (it has {string.Join(", ", function.BlockSpecializations.Keys.Select(k => $"'{k}'"))}).");
        }
        var state = new MilGraphState(file, OpsetVersion(opset));
        foreach (var input in function.Inputs) AddInput(state, input, file.Model.Description, options);

        var unsupported = new List<UnsupportedLayer>();
        var blocked = new HashSet<string>();
        BuildOperations(state, block.Operations, unsupported, blocked);

        var outputs = new Dictionary<string, string>();
        var names = OutputNames(file, block);
        var graphOutputs = new HashSet<string>();
        for (var k = 0; k < block.Outputs.Count; k++)
        {
            var milName = block.Outputs[k];
            if (blocked.Contains(milName)) continue;
            if (!state.Values.TryGetValue(milName, out var value))
            {
                throw new ModelFormatException(file.Path, $"function '{functionName}': outputs", $"names '{milName}', which no function input or op defines.");
            }
            var graphValue = state.Materialize(value, problem => new ModelFormatException(file.Path, $"function '{functionName}': output '{milName}'", problem));
            outputs[names[k]] = graphValue;
            if (graphOutputs.Add(graphValue)) state.Builder.AddOutput(graphValue);
        }
        if (graphOutputs.Count == 0)
        {
            throw new UnsupportedLayerException(file.Path, unsupported.FirstOrDefault()
                ?? new UnsupportedLayer("(program)", "mlProgram", "the program's function declares no outputs."));
        }
        Graph graph;
        try
        {
            graph = state.Builder.Build();
        }
        catch (GraphException e)
        {
            throw new ModelFormatException(file.Path, $"function '{functionName}'", e.Message, e);
        }
        var opOutputs = state.OpOutputs.Select(o => new MilOpOutput(o.Name, o.OpType,
            state.Values.TryGetValue(o.Name, out var v) && !blocked.Contains(o.Name) ? v.GraphValue : null)).ToList();
        return new MilProgramModel(file, functionName, opset, graph, opOutputs, outputs, unsupported, PrecisionOf(block))
        {
            Images = ImageInputs(state, file.Model.Description),
            Classifier = ClassifierOf(state, file.Model.Description),
        };
    }

    /// <summary>
    /// Image inputs with the preprocessing coremltools writes into the program for them: ops named "{input}__scaled__"
    /// (mul by the image scale) and "{input}__biased__" (add of the per-channel bias), each optional.
    /// </summary>
    private static Dictionary<string, ImageInput> ImageInputs(MilGraphState state, ModelDescription? description)
    {
        var images = new Dictionary<string, ImageInput>();
        foreach (var input in description?.Input ?? [])
        {
            if (input.Type?.ImageType is not { } image || !state.Types.TryGetValue(input.Name, out var type)) continue;
            var channels = type.Shape.Rank == 4 ? type.Shape[1] : 1;
            var scale = state.Preprocessing.GetValueOrDefault($"{input.Name}__scaled__") is [var s] ? s : 1f;
            var bias = state.Preprocessing.GetValueOrDefault($"{input.Name}__biased__") is { } b ? b : [0f];
            var colorSpace = image.ColorSpace switch
            {
                ImageFeatureType.Types.ColorSpace.Rgb => "RGB",
                ImageFeatureType.Types.ColorSpace.Bgr => "BGR",
                _ => "GRAYSCALE",
            };
            images[input.Name] = new ImageInput(colorSpace, scale, bias.Length == channels ? bias : Enumerable.Repeat(bias[0], channels).ToArray());
        }
        return images;
    }

    /// <summary>
    /// The classify op's labels in the shape the NeuralNetwork reader reports them, with the model description's names
    /// for the predicted label and probabilities outputs; null when the program has no (built) classify op.
    /// </summary>
    private static CoreMLClassifierInfo? ClassifierOf(MilGraphState state, ModelDescription? description)
    {
        if (state.Classifier is not var (classes, probabilities)) return null;
        return new CoreMLClassifierInfo(
            classes.IsString ? classes.Strings!.ToList() : null,
            classes.IsString ? null : classes.ToLongs().ToList(),
            description?.PredictedProbabilitiesName is { Length: > 0 } p ? p : null,
            description?.PredictedFeatureName is { Length: > 0 } f ? f : null,
            probabilities);
    }

    /// <summary>15 for "CoreML5" (iOS 15) up to 18 for "CoreML8"; later opsets count on, unknown names read as iOS 15.</summary>
    public static int OpsetVersion(string opset) =>
        opset.StartsWith("CoreML", StringComparison.Ordinal) && int.TryParse(opset.AsSpan(6), out var n) && n >= 5 ? n + 10 : 15;

    /// <summary>
    /// Builds <paramref name="operations"/> in order (MIL blocks are topologically ordered). An op reading a value of an
    /// unsupported op is skipped and its outputs blocked in turn.
    /// </summary>
    internal static void BuildOperations(MilGraphState state, IEnumerable<Operation> operations, List<UnsupportedLayer> unsupported, HashSet<string> blocked)
    {
        foreach (var operation in operations)
        {
            if (operation.Type == "const")
            {
                AddConst(state, operation);
                continue;
            }
            if (ReadNames(operation).Any(blocked.Contains))
            {
                foreach (var output in operation.Outputs) blocked.Add(output.Name);
                continue;
            }
            try
            {
                BuildOperation(state, operation);
            }
            catch (UnsupportedLayerException e)
            {
                unsupported.Add(e.Layer);
                foreach (var output in operation.Outputs) blocked.Add(output.Name);
            }
        }
    }

    private static void BuildOperation(MilGraphState state, Operation operation)
    {
        if (operation.Outputs.Count == 0) throw Error(state, operation, "outputs", "is empty; every op declares its outputs.");
        foreach (var output in operation.Outputs)
        {
            if (output.Name.Length == 0) throw Error(state, operation, "outputs", "holds an output without a name.");
            if (state.Values.ContainsKey(output.Name)) throw Error(state, operation, "outputs", $"redefines value '{output.Name}'; MIL values are defined once.");
        }
        var slots = operation.Outputs.Select(o => state.FreshValue(o.Name)).ToArray();
        var context = new MilOpContext(state, operation, slots);
        var builder = MilOps.Find(operation.Type) ?? throw context.Unsupported(operation.Blocks.Count > 0
            ? $"'{operation.Type}' holds nested blocks, which Parity does not execute."
            : $"'{operation.Type}' is not an op type Parity executes yet.");
        foreach (var argument in operation.Inputs)
        {
            // Undefined names are reported even when the builder would not read the argument.
            _ = context.Values(argument.Key);
        }
        var outer = state.ComputesInFloat32;
        state.ComputesInFloat32 = operation.Outputs.All(o => o.Type?.TensorType?.DataType != DataType.Float16);
        try
        {
            builder(context);
        }
        finally
        {
            state.ComputesInFloat32 = outer;
        }
        for (var k = 0; k < slots.Length; k++)
        {
            var declared = operation.Outputs[k];
            if (state.ReadTimeOutputs.Remove(slots[k], out var defined))
            {
                var definedType = CheckDeclared(state, operation, declared, new TensorType(defined.Tensor!.DType, defined.Shape));
                // Like a const op's value: not an op output (layer) of its own, a graph value only where an op reads it as data.
                state.Values[declared.Name] = new MilValue(declared.Name, definedType, defined.Shape, null, MilConstant.FromTensor(definedType, defined.Tensor));
                continue;
            }
            if (!state.Types.TryGetValue(slots[k], out var produced))
            {
                throw context.Error("output", $"'{declared.Name}' was not produced by the builder.");
            }
            var dataType = CheckDeclared(state, operation, declared, produced);
            var known = state.Known.GetValueOrDefault(slots[k]);
            if (known is not null && known.DataType != dataType && known.Tensor is { } tensor) known = MilConstant.FromTensor(dataType, tensor);
            state.Values[declared.Name] = new MilValue(declared.Name, dataType, produced.Shape, slots[k], known);
            if (state.NestingDepth == 0) state.OpOutputs.Add((declared.Name, operation.Type));
            if (declared.Name.EndsWith("__scaled__", StringComparison.Ordinal) || declared.Name.EndsWith("__biased__", StringComparison.Ordinal))
            {
                if (operation.Inputs.ContainsKey("y") && context.IsConstant("y")) state.Preprocessing[declared.Name] = context.Floats("y");
            }
        }
    }

    /// <summary>Checks the engine's type for an op output against the program's declaration; returns the declared MIL type.</summary>
    private static DataType CheckDeclared(MilGraphState state, Operation operation, NamedValueType declared, TensorType produced)
    {
        var type = declared.Type?.TensorType;
        if (declared.Type?.DictionaryType is not null) return DataType.UnusedType;
        if (type is null) throw Error(state, operation, $"output '{declared.Name}'", "declares no tensor type; only tensor and dictionary outputs are executed.");
        // A string result (a classifier's label) is carried as the class index.
        var engineType = type.DataType == DataType.String ? DType.Int64 : MilConstant.EngineType(type.DataType);
        if (engineType != produced.DType)
        {
            throw Error(state, operation, $"output '{declared.Name}'", $"is declared {type.DataType}, but the op computes {produced.DType.ToString().ToLowerInvariant()}.");
        }
        if (type.Dimensions.Count > 0 || type.Rank == 0)
        {
            var fits = type.Dimensions.Count == produced.Shape.Rank && type.Dimensions
                .Select((d, i) => d.DimensionCase != Dimension.DimensionOneofCase.Constant || d.Constant.Size == (ulong)produced.Shape[i]).All(b => b);
            if (!fits)
            {
                var text = "[" + string.Join(", ", type.Dimensions.Select(d => d.DimensionCase == Dimension.DimensionOneofCase.Constant ? d.Constant.Size.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")) + "]";
                throw Error(state, operation, $"output '{declared.Name}'", $"is declared with shape {text}, but the op computes {produced.Shape}.");
            }
        }
        return type.DataType;
    }

    private static void AddConst(MilGraphState state, Operation operation)
    {
        if (operation.Outputs.Count != 1) throw Error(state, operation, "outputs", $"lists {operation.Outputs.Count} values; a const op has one.");
        var name = operation.Outputs[0].Name;
        if (name.Length == 0) throw Error(state, operation, "outputs", "holds an output without a name.");
        if (state.Values.ContainsKey(name)) throw Error(state, operation, "outputs", $"redefines value '{name}'; MIL values are defined once.");
        Value? value = operation.Attributes.TryGetValue("val", out var attribute) ? attribute
            : operation.Inputs.TryGetValue("val", out var argument) && argument.Arguments is [{ BindingCase: Argument.Types.Binding.BindingOneofCase.Value } binding] ? binding.Value
            : null;
        if (value is null) throw Error(state, operation, "val", "is missing; a const op holds its value in the 'val' attribute.");
        var constant = MilValueDecoder.Decode(value, state.Weights, problem => Error(state, operation, "val", problem));
        state.Values[name] = new MilValue(name, constant.DataType, constant.Shape, null, constant);
    }

    /// <summary>Value names the op reads, including those its nested blocks read.</summary>
    internal static IEnumerable<string> ReadNames(Operation operation) =>
        operation.Inputs.Values.SelectMany(a => a.Arguments)
            .Where(b => b.BindingCase == Argument.Types.Binding.BindingOneofCase.Name).Select(b => b.Name)
            .Concat(operation.Blocks.SelectMany(b => b.Operations).SelectMany(ReadNames));

    private static ModelFormatException Error(MilGraphState state, Operation operation, string field, string problem) =>
        new(state.Path, $"op '{(operation.Outputs.Count > 0 ? operation.Outputs[0].Name : "(no output)")}' ({operation.Type}): {field}", problem);

    private static (string Name, Function Function) SelectFunction(CoreMLModelFile file, Format.Mil.Program program)
    {
        var wanted = file.Model.Description?.DefaultFunctionName is { Length: > 0 } named ? named : "main";
        if (program.Functions.TryGetValue(wanted, out var function)) return (wanted, function);
        if (program.Functions.Count == 1) return (program.Functions.Keys.Single(), program.Functions.Values.Single());
        throw new ModelFormatException(file.Path, "mlProgram.functions", program.Functions.Count == 0
            ? "is empty; the program has no function to run."
            : $"has no function '{wanted}' (it has {string.Join(", ", program.Functions.Keys.Select(k => $"'{k}'"))}).");
    }

    private static void AddInput(MilGraphState state, NamedValueType input, ModelDescription? description, ModelLoadOptions? options)
    {
        var location = $"function input '{input.Name}'";
        var type = input.Type?.TensorType ?? throw new UnsupportedLayerException(state.Path, new UnsupportedLayer(input.Name, "input",
            $"inputs of type {input.Type?.TypeCase.ToString() ?? "none"} are not executed (the reader takes tensors)."));
        var engineType = MilConstant.EngineType(type.DataType)
            ?? throw new UnsupportedLayerException(state.Path, new UnsupportedLayer(input.Name, "input", $"{type.DataType} inputs are not executed."));
        Shape shape;
        if (options?.InputShapes.TryGetValue(input.Name, out var given) == true)
        {
            shape = given;
        }
        else if (type.Dimensions.All(d => d.DimensionCase == Dimension.DimensionOneofCase.Constant))
        {
            shape = MilValueDecoder.ShapeOf(type, problem => new ModelFormatException(state.Path, location, problem));
        }
        else
        {
            // A flexible input runs at the default shape the model description declares.
            var declared = description?.Input.FirstOrDefault(i => i.Name == input.Name)?.Type?.MultiArrayType?.Shape;
            if (declared is null || declared.Count != type.Dimensions.Count || declared.Any(d => d < 1 || d > int.MaxValue))
            {
                throw new ModelFormatException(state.Path, location, "has sizes left open and the model description gives no default shape; pass the input shape.");
            }
            shape = new Shape(declared.Select(d => (int)d).ToArray());
        }
        if (state.Values.ContainsKey(input.Name)) throw new ModelFormatException(state.Path, location, "is declared twice.");
        state.AddInput(input.Name, new TensorType(engineType, shape));
        if (type.DataType == DataType.Float32) state.Builder.KeepFloat32(input.Name);
        state.Values[input.Name] = new MilValue(input.Name, type.DataType, shape, input.Name, null);
    }

    /// <summary>The model description's output names in block output order (the block's own names when the description lists none or fewer).</summary>
    private static string[] OutputNames(CoreMLModelFile file, Block block)
    {
        var declared = file.Model.Description?.Output.Select(o => o.Name).ToList() ?? [];
        return block.Outputs.Select((name, k) => declared.Contains(name) ? name : k < declared.Count && !block.Outputs.Contains(declared[k]) ? declared[k] : name).ToArray();
    }

    /// <summary>Float16 when any non-const op of the block (or of a nested block) declares an fp16 result; constexpr_* ops are constants.</summary>
    private static Precision PrecisionOf(Block block) =>
        Computes(block) ? Precision.Float16 : Precision.Float32;

    private static bool Computes(Block block) => block.Operations.Any(op =>
        (op.Type != "const" && !op.Type.StartsWith("constexpr_", StringComparison.Ordinal) && op.Outputs.Any(o => o.Type?.TensorType?.DataType == DataType.Float16)) || op.Blocks.Any(Computes));
}
