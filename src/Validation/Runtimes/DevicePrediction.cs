using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Validation.Runtimes;

/// <summary>
/// A graph operator that hands its inputs to a runtime session and returns the outputs the runtime computed, so a
/// device runtime can stand in for a model wherever Parity runs graphs (and the comparison machinery is reused as is).
/// Outputs keep the types the managed model infers; a device output with the same element count but another shape
/// (Core ML may add or drop unit axes) is reshaped, anything else is a mismatch.
/// </summary>
public sealed class DevicePrediction(IRuntimeSession session, IReadOnlyList<string> inputNames, IReadOnlyList<string> outputNames, IReadOnlyList<TensorType> outputTypes)
    : IOperator
{
    public string Kind => $"{session.RuntimeName} prediction";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs) => outputTypes;

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var feed = new Dictionary<string, Tensor>();
        for (var i = 0; i < inputNames.Count; i++) feed[inputNames[i]] = inputs[i];
        using var result = session.Predict(feed);
        for (var k = 0; k < outputNames.Count; k++)
        {
            if (!result.Outputs.TryGetValue(outputNames[k], out var value))
            {
                var why = result.Problems.FirstOrDefault(p => p.Contains($"'{outputNames[k]}'", StringComparison.Ordinal)) ?? "it was not returned";
                throw new GraphException($"{session.RuntimeName} did not produce output '{outputNames[k]}': {why}.");
            }
            if (value.Length != outputs[k].Length)
            {
                throw new ShapeMismatchException($"{session.RuntimeName} output '{outputNames[k]}' has shape {value.Shape}; the managed model's has {outputs[k].Shape}.");
            }
            using var floats = value.ToFloat32();
            using var cast = floats.CastFromFloat32(outputs[k].DType);
            cast.Bytes.CopyTo(outputs[k].Bytes);
        }
    }
}
