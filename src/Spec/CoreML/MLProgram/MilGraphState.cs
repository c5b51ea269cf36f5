using Parity.Engine.Graph;
using Parity.Engine.Ops.Core;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format.Mil;
using Tensor = Parity.Engine.Tensors.Tensor;
using TensorType = Parity.Engine.Tensors.TensorType;

namespace Parity.Spec.CoreML.MLProgram;

/// <summary>
/// The graph under construction while a program is read: the MIL values in scope, engine value types, and the nodes.
/// Constants become graph values only when an op reads them as data.
/// </summary>
internal sealed class MilGraphState : ReaderGraph
{
    /// <summary>
    /// Ops whose inputs are all known and whose outputs are this small or smaller are also computed at read time, so
    /// shape arithmetic and loop conditions are known to builders; the nodes still run (and round) at run time.
    /// </summary>
    private const int FoldLimit = 1 << 16;

    private readonly Dictionary<MilConstant, string> _materialized = new(ReferenceEqualityComparer.Instance);

    public MilGraphState(CoreMLModelFile file, int opsetVersion)
    {
        File = file;
        OpsetVersion = opsetVersion;
        Weights = new MilWeightFiles(file);
    }

    /// <summary>A graph of its own for a nested block (a loop's condition or body), reading the same file and weights.</summary>
    private MilGraphState(MilGraphState parent)
    {
        File = parent.File;
        OpsetVersion = parent.OpsetVersion;
        Weights = parent.Weights;
    }

    public CoreMLModelFile File { get; }

    public string Path => File.Path;

    public int OpsetVersion { get; }

    public MilWeightFiles Weights { get; }

    /// <summary>An empty graph under construction sharing this program's file, opset and weights.</summary>
    public MilGraphState Child() => new(this);

    /// <summary>Contents of graph values known at read time.</summary>
    public Dictionary<string, MilConstant> Known { get; } = [];

    /// <summary>Op outputs defined as read-time constants (<see cref="MilOpContext.DefineConstant"/>), by output slot, until the reader records them.</summary>
    public Dictionary<string, MilConstant> ReadTimeOutputs { get; } = [];

    /// <summary>MIL values in scope, by MIL name.</summary>
    public Dictionary<string, MilValue> Values { get; } = [];

    /// <summary>The constant operand of the image preprocessing ops ("{input}__scaled__", "{input}__biased__"), by op output.</summary>
    public Dictionary<string, float[]> Preprocessing { get; } = [];

    /// <summary>How many nested blocks are being built; ops inside them are not listed in <see cref="OpOutputs"/>.</summary>
    public int NestingDepth { get; set; }

    /// <summary>
    /// True while building an op that declares no fp16 output (e.g. the lstm coremltools keeps in fp32 inside an fp16
    /// program, or an op computing indices): the float values its nodes produce are not rounded by a Float16 run.
    /// </summary>
    public bool ComputesInFloat32 { get; set; }

    /// <summary>The class labels and the graph value of the probabilities of the program's classify op, once built.</summary>
    public (MilConstant Classes, string Probabilities)? Classifier { get; set; }

    /// <summary>Non-const op outputs of the function's block in program order: (MIL name, op type).</summary>
    public List<(string Name, string OpType)> OpOutputs { get; } = [];

    /// <summary>The graph value carrying <paramref name="value"/>, adding a Constant node the first time a constant is read as data.</summary>
    public string Materialize(MilValue value, Func<string, Exception> error)
    {
        if (value.GraphValue is { } existing) return existing;
        var constant = value.Constant!;
        if (_materialized.TryGetValue(constant, out var done)) return done;
        if (constant.Tensor is null) throw error($"is the string constant '{value.Name}', which cannot be a tensor operand.");
        var name = FreshValue(value.Name);
        Add(name, new Constant(constant.Tensor), [], [name], error);
        if (MilConstant.IsFloat(constant.DataType) && constant.DataType != DataType.Float16) Builder.KeepFloat32(name);
        Known[name] = constant;
        _materialized[constant] = name;
        return name;
    }

    /// <summary>Adds a node after inferring its output types; computes it at once when its inputs are known and its outputs small.</summary>
    public void Add(string nodeName, IOperator op, string[] inputs, string[] outputs, Func<string, Exception> error)
    {
        var types = AddTyped(nodeName, op, inputs, outputs, error);
        if (ComputesInFloat32)
        {
            for (var k = 0; k < outputs.Length; k++)
            {
                if (types[k].DType == DType.Float32) Builder.KeepFloat32(outputs[k]);
            }
        }
        if (op is not Constant && inputs.All(Known.ContainsKey) && types.All(t => t.Shape.ElementCount <= FoldLimit))
        {
            Fold(op, inputs, outputs, types, error);
        }
    }

    private void Fold(IOperator op, string[] inputs, string[] outputs, IReadOnlyList<TensorType> types, Func<string, Exception> error)
    {
        var results = types.Select(t => Tensor.Zeros(t.DType, t.Shape)).ToArray();
        try
        {
            op.Execute(inputs.Select(v => Known[v].Tensor!).ToArray(), results);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            foreach (var r in results) r.Dispose();
            throw error($"fails on its constant inputs: {e.Message}");
        }
        for (var k = 0; k < outputs.Length; k++) Known[outputs[k]] = MilConstant.FromTensor(DataTypeOf(types[k].DType), results[k]);
    }

    /// <summary>The MIL type a folded engine result carries (its exact MIL type is set by the op's declaration where one exists).</summary>
    private static DataType DataTypeOf(DType type) => type switch
    {
        DType.Float32 or DType.Float16 or DType.Float64 => DataType.Float32,
        DType.Int64 => DataType.Int64,
        DType.Int8 => DataType.Int8,
        DType.UInt8 => DataType.Uint8,
        DType.Bool => DataType.Bool,
        _ => DataType.Int32,
    };
}
