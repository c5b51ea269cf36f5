using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Reduction;
using Parity.Engine.Tensors;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// classify(probabilities, classes) (MIL classify.py), the last op of a classifier program. Its first output, the
/// predicted label, is the class at the largest probability (first on ties): the int64 label itself, or for string
/// labels the class index, since graph values hold numbers (<see cref="MilProgramModel.PredictedLabel"/> turns it into
/// the label). Its second output, a dictionary from label to probability, is carried as the probabilities in class
/// order. The labels are recorded as the model's <see cref="MilProgramModel.Classifier"/>.
/// </summary>
internal static class MilClassifierOps
{
    public static void Classify(MilOpContext context)
    {
        var probabilities = context.Input("probabilities");
        var shape = context.ShapeOf(probabilities);
        var classes = context.Constant("classes");
        if (shape.ElementCount != classes.Shape.ElementCount || shape.Dims.ToArray().Count(d => d != 1) > 1)
        {
            throw context.Error("classes", $"lists {classes.Shape.ElementCount} labels for probabilities of shape {shape}; expected one probability per label.");
        }
        var flat = context.EmitStep("flat", new ReshapeOp([shape.ElementCount]), probabilities);
        var index = context.EmitStep("argmax", new ArgReduce(max: true, axis: 0, keepDims: false), flat);
        if (classes.IsString)
        {
            context.EmitOutput(0, new Identity(), index);
        }
        else
        {
            var labels = Tensor.FromSpan<long>(classes.ToLongs(), new Shape(classes.Shape.ElementCount));
            var table = context.ConstantStep("labels", labels);
            var picked = context.EmitStep("label", new GatherOp(0), table, context.EmitStep("index", new ReshapeOp([1]), index));
            context.EmitOutput(0, new ReshapeOp([]), picked);
        }
        var carried = context.OutputCount > 1 ? context.EmitOutput(1, new Identity(), probabilities) : probabilities;
        context.SetClassifier(classes, carried);
    }
}
