namespace Parity.Validation.Comparison;

/// <summary>How a value of one model was paired with a value of the other.</summary>
public enum MatchKind
{
    /// <summary>Named by the user with --map.</summary>
    Mapped,

    /// <summary>Same name after <see cref="LayerNames.Normalize"/>.</summary>
    Name,

    /// <summary>Same position among the model's inputs or outputs.</summary>
    Order,

    /// <summary>The only counterpart whose shape fits.</summary>
    Shape,

    /// <summary>Values nearly proportional (cosine similarity above the threshold) after a layout transform.</summary>
    Value,
}
