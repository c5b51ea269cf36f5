using Parity.Validation.Diagnosis;

namespace Parity.Validation.Tests.Diagnosis;

public class LabelOrderTests
{
    [Fact]
    public void Labels_are_checked_name_by_name_against_the_source_order()
    {
        var check = LabelOrder.Check(["dog", "cat", "bird"], ["cat", "dog", "bird"], "labels.txt")!;

        Assert.False(check.Agrees);
        Assert.Equal([new MisplacedLabel("dog", 0, 1), new MisplacedLabel("cat", 1, 0)], check.Misplaced);
        Assert.Equal(3, check.Count);
        Assert.Contains("labels.txt", check.Basis);
    }

    [Fact]
    public void A_label_the_source_does_not_know_is_expected_nowhere()
    {
        var check = LabelOrder.Check(["cat", "cow"], ["cat", "dog"], "labels.txt")!;
        Assert.Equal([new MisplacedLabel("cow", 1, -1)], check.Misplaced);
    }

    [Fact]
    public void Labels_in_the_source_order_agree()
    {
        Assert.True(LabelOrder.Check(["a", "b", "c"], ["a", "b", "c"], "labels.txt")!.Agrees);
    }

    [Fact]
    public void Integer_labels_are_checked_against_their_positions_without_a_file()
    {
        var check = LabelOrder.Check(["0", "2", "1", "3"], null)!;
        Assert.Equal([new MisplacedLabel("2", 1, 2), new MisplacedLabel("1", 2, 1)], check.Misplaced);
        Assert.True(LabelOrder.Check(["0", "1", "2"], null)!.Agrees);
    }

    [Fact]
    public void Names_without_a_file_cannot_be_checked()
    {
        Assert.Null(LabelOrder.Check(["cat", "dog"], null));
        Assert.Null(LabelOrder.Check(["1", "2"], null));
        Assert.Null(LabelOrder.Check(["0", "0"], null));
    }

    [Fact]
    public void A_file_with_another_count_or_a_repeated_name_is_refused()
    {
        var count = Assert.Throws<ArgumentException>(() => LabelOrder.Check(["a", "b"], ["a"], "labels.txt"));
        Assert.Contains("lists 1 labels; the converted classifier has 2", count.Message);
        var twice = Assert.Throws<ArgumentException>(() => LabelOrder.Check(["a", "b"], ["a", "a"], "labels.txt"));
        Assert.Contains("'a' twice", twice.Message);
    }
}
