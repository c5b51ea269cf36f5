namespace Parity.Spec.Tests;

public class ClassifierOutputTests
{
    private static readonly ClassifierOutput Classifier = new(["cat", "dog", "fox"], Int64Labels: false, "p", "label", "probabilities");

    [Fact]
    public void Each_row_predicts_its_most_probable_label_and_a_tie_goes_to_the_first_class()
    {
        var predictions = Classifier.Predict([0.2f, 0.5f, 0.3f, 0.4f, 0.4f, 0.2f]);
        Assert.Equal([new ClassPrediction(1, "dog", 0.5f), new ClassPrediction(0, "cat", 0.4f)], predictions);
    }

    [Fact]
    public void Probabilities_that_are_not_whole_rows_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Classifier.Predict([0.5f, 0.5f]));
        Assert.Contains("rows of 3 class probabilities", e.Message);
    }
}
