using Parity.Engine.Graph;
using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>classify with string and int64 labels: the model's classifier info and the predicted label as text.</summary>
public class MilClassifierOpsTests
{
    private static Value Labels(params string[] labels)
    {
        var tensor = new TensorValue { Strings = new TensorValue.Types.RepeatedStrings() };
        tensor.Strings.Values.Add(labels);
        return new Value { Type = TypeOf(DataType.String, [labels.Length]), ImmediateValue = new Value.Types.ImmediateValue { Tensor = tensor } };
    }

    private static (string Label, long Raw) Predict(Parity.Spec.CoreML.MLProgram.MilProgramModel model, params float[] p)
    {
        using var x = Tensor.FromArray(p, 1, p.Length);
        using var result = Executor.Run(model.Graph, new Dictionary<string, Tensor> { ["p"] = x });
        var label = result[model.Outputs["label"]];
        return (model.PredictedLabel(label), label.Span<long>()[0]);
    }

    [Fact]
    public void String_labels_are_carried_as_the_class_index_and_read_back_as_the_label()
    {
        // p = [0.2, 0.7, 0.1]: the largest is class 1, "dog". p = [0.5, 0.1, 0.5]: a tie goes to the first, class 0, "cat".
        var model = new MilTestProgram()
            .Input("p", DataType.Float32, 1, 3)
            .Op("classify", "label", DataType.String, [], ("probabilities", "p"), ("classes", Labels("cat", "dog", "eel")))
            .Output("label")
            .Read();
        var classifier = Assert.IsType<Parity.Spec.CoreML.NeuralNetwork.CoreMLClassifierInfo>(model.Classifier);
        Assert.Equal(["cat", "dog", "eel"], classifier.StringLabels!);
        Assert.Null(classifier.Int64Labels);
        Assert.Equal("p", classifier.ProbabilityValue);

        Assert.Equal(("dog", 1L), Predict(model, 0.2f, 0.7f, 0.1f));
        Assert.Equal(("cat", 0L), Predict(model, 0.5f, 0.1f, 0.5f));
    }

    [Fact]
    public void Int64_labels_are_the_label_itself()
    {
        // classes [7, 3, 9], p = [0.1, 0.2, 0.7] -> class 2, label 9.
        var model = new MilTestProgram()
            .Input("p", DataType.Float32, 1, 3)
            .Op("classify", "label", DataType.Int64, [], ("probabilities", "p"), ("classes", IntTensor(DataType.Int64, [3], 7, 3, 9)))
            .Output("label")
            .Read();
        Assert.Equal([7L, 3L, 9L], model.Classifier!.Int64Labels!);
        Assert.Equal(("9", 9L), Predict(model, 0.1f, 0.2f, 0.7f));
    }

    [Fact]
    public void A_program_without_classify_has_no_classifier()
    {
        var model = new MilTestProgram()
            .Input("p", DataType.Float32, 1, 3)
            .Op("relu", "label", DataType.Float32, [1, 3], ("x", "p"))
            .Output("label")
            .Read();
        Assert.Null(model.Classifier);
        using var x = Tensor.FromArray([1f], 1);
        Assert.Throws<InvalidOperationException>(() => model.PredictedLabel(x));
    }
}
