using Parity.Spec.CoreML.MLProgram.Ops;

namespace Parity.Spec.CoreML.MLProgram;

/// <summary>Builds the engine nodes for one MIL operation through <paramref name="context"/>; it must produce every declared output.</summary>
public delegate void MilOpBuilder(MilOpContext context);

/// <summary>
/// The registry of MIL op types Parity executes, by MIL op type name. One place to read which ops are supported; the
/// builders live in Ops/, one file per family. Semantics follow coremltools' op definitions per opset
/// (converters/mil/mil/ops/defs/iOS15..iOS18); "const" is read by <see cref="MilProgramReader"/> itself.
/// </summary>
public static class MilOps
{
    private static readonly Dictionary<string, MilOpBuilder> Builders = new(StringComparer.Ordinal)
    {
        ["cast"] = MilCoreOps.Cast,
        ["identity"] = MilCoreOps.Identity,
        ["shape"] = MilCoreOps.ShapeOf,

        ["conv"] = MilConvolutionOps.Conv,
        ["linear"] = MilLinearOps.Linear,
        ["matmul"] = MilLinearOps.MatMul,

        ["relu"] = MilActivationOps.Relu,
        ["sigmoid"] = MilActivationOps.Sigmoid,
        ["tanh"] = MilActivationOps.Tanh,
        ["softmax"] = MilActivationOps.Softmax,

        ["add"] = MilElementwiseBinaryOps.Add,
        ["sub"] = MilElementwiseBinaryOps.Sub,
        ["mul"] = MilElementwiseBinaryOps.Mul,
        ["real_div"] = MilElementwiseBinaryOps.RealDiv,

        ["max_pool"] = MilPoolingOps.MaxPool,
        ["avg_pool"] = MilPoolingOps.AvgPool,

        ["reshape"] = MilShapeOps.Reshape,
        ["transpose"] = MilShapeOps.Transpose,
        ["concat"] = MilShapeOps.Concat,
        ["squeeze"] = MilShapeOps.Squeeze,
        ["expand_dims"] = MilShapeOps.ExpandDims,
        ["slice_by_index"] = MilShapeOps.SliceByIndex,
    };

    /// <summary>The op types with a builder.</summary>
    public static IReadOnlyCollection<string> Supported => Builders.Keys;

    /// <summary>The builder for <paramref name="opType"/>, or null when Parity does not execute it.</summary>
    public static MilOpBuilder? Find(string opType) => Builders.GetValueOrDefault(opType);
}
