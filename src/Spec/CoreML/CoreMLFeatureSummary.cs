namespace Parity.Spec.CoreML;

/// <summary>One declared input or output of a Core ML model; <paramref name="Type"/> is rendered by <see cref="CoreMLFeatureTypeText"/>.</summary>
public sealed record CoreMLFeatureSummary(string Name, string Type, bool IsOptional, string ShortDescription);
