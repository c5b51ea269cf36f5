using System.Collections;
using Google.Protobuf;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML;

/// <summary>
/// The WeightParams payloads a specification was parsed without (see <see cref="WeightPayloadScan"/>): which parsed
/// WeightParams message each belongs to, and a read of its bytes from the file straight into the caller's memory. The
/// file is opened for each read and must still be the one parsed (same length and modification time), so a model
/// rewritten on disk in between is reported instead of read half old, half new; nothing stays open or mapped.
/// </summary>
internal sealed class DeferredWeights
{
    private readonly Dictionary<WeightParams, WeightPayload> _float32 = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<WeightParams, WeightPayload> _float16 = new(ReferenceEqualityComparer.Instance);
    private readonly string _path;
    private readonly string _label;
    private readonly long _length;
    private readonly DateTime _written;

    private DeferredWeights(string path, string label, long length, DateTime written)
    {
        _path = path;
        _label = label;
        _length = length;
        _written = written;
    }

    /// <summary>Whether any WeightParams of the file holds float16 values, deferred or not.</summary>
    public bool AnyFloat16 { get; private init; }

    /// <summary>
    /// Ties each payload of <paramref name="scan"/> to its message in <paramref name="model"/>, parsed from the file
    /// <paramref name="path"/> of <paramref name="length"/> bytes last written at <paramref name="written"/>; null when a
    /// path does not lead to a WeightParams message (the parse did not produce the structure the scan saw).
    /// </summary>
    public static DeferredWeights? Attach(Model model, WeightPayloadScan scan, string path, string label, long length, DateTime written)
    {
        var weights = new DeferredWeights(path, label, length, written) { AnyFloat16 = scan.AnyFloat16 };
        foreach (var payload in scan.Payloads)
        {
            if (Follow(model, payload.Path) is not WeightParams message) return null;
            var table = payload.Kind == WeightPayloadKind.Float32 ? weights._float32 : weights._float16;
            if (!table.TryAdd(message, payload)) return null;
        }
        return weights;
    }

    private static object? Follow(IMessage root, WeightPayload.Step[] path)
    {
        object? current = root;
        foreach (var step in path)
        {
            if (current is not IMessage message) return null;
            var value = step.Field.Accessor.GetValue(message);
            if (step.Index < 0)
            {
                current = value;
                continue;
            }
            if (value is not IList list || step.Index >= list.Count) return null;
            current = list[step.Index];
        }
        return current;
    }

    /// <summary>The float32 (floatValue) payload of <paramref name="weights"/>, if it was deferred.</summary>
    public WeightPayload? Float32Of(WeightParams weights) => _float32.GetValueOrDefault(weights);

    /// <summary>The float16Value payload of <paramref name="weights"/>, if it was deferred.</summary>
    public WeightPayload? Float16Of(WeightParams weights) => _float16.GetValueOrDefault(weights);

    /// <summary>Copies <paramref name="payload"/>'s bytes into <paramref name="destination"/> (exactly its length).</summary>
    public void Read(WeightPayload payload, Span<byte> destination)
    {
        if (destination.Length != payload.Length) throw new ArgumentException($"The payload holds {payload.Length} bytes; the destination {destination.Length}.", nameof(destination));
        try
        {
            using var handle = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            if (RandomAccess.GetLength(handle) != _length || File.GetLastWriteTimeUtc(_path) != _written) throw Changed();
            if (!FileRange.TryRead(handle, payload.PayloadOffset, destination)) throw Changed();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException(_label, null, $"could not be read again for its weights ({e.Message})", e);
        }
    }

    private ModelFormatException Changed() =>
        new(_label, null, "changed on disk after it was loaded (its size or modification time differs), so its weights cannot be read; load it again");
}
