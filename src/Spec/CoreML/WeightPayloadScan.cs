using System.Buffers;
using Google.Protobuf.Reflection;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML;

/// <summary>
/// Finds, in an encoded Model, every WeightParams floatValue (packed float32) and float16Value payload of at least
/// <see cref="MinimumBytes"/>, by walking the protobuf wire format with our message descriptors. The payloads are a
/// model's bulk; knowing where they lie lets the specification be parsed without them (<see cref="Masked"/>) and the
/// values be read later straight into the tensors that keep them (<see cref="DeferredWeights"/>).
/// <para>
/// The scan gives up (null) on anything it cannot account for exactly: a malformed or non-minimal encoding, groups,
/// a message field repeated where protobuf would merge two copies, a WeightParams holding two chunks of one field.
/// The caller then parses the file whole, which reports those files precisely or reads them as protobuf defines.
/// </para>
/// </summary>
internal sealed class WeightPayloadScan
{
    /// <summary>Smaller payloads (biases, batch-norm statistics of a few channels) stay in the parsed message: not worth a read each.</summary>
    public const int MinimumBytes = 4096;

    /// <summary>
    /// The one-byte tag written over each payload's own tag in <see cref="Masked"/>: field 15, length-delimited. WeightParams
    /// declares no field 15, so a parser that discards unknown fields skips the payload by its length, copying nothing.
    /// </summary>
    private const byte MaskTag = (15 << 3) | 2;

    private const int MaxDepth = 100;
    private static readonly byte[] MaskBytes = [MaskTag];

    private WeightPayloadScan(List<WeightPayload> payloads, bool anyFloat16)
    {
        Payloads = payloads;
        AnyFloat16 = anyFloat16;
    }

    /// <summary>The payloads in file order.</summary>
    public IReadOnlyList<WeightPayload> Payloads { get; }

    /// <summary>Whether any WeightParams holds float16Value, however small (small ones stay in the parsed message).</summary>
    public bool AnyFloat16 { get; }

    /// <summary>The payloads of <paramref name="bytes"/>, an encoded Model; null when the scan cannot vouch for every one.</summary>
    public static WeightPayloadScan? Of(ReadOnlySpan<byte> bytes)
    {
        var payloads = new List<WeightPayload>();
        var walker = new Walker(payloads);
        return walker.Message(bytes, 0, bytes.Length, Model.Descriptor, 0) ? new WeightPayloadScan(payloads, walker.AnyFloat16) : null;
    }

    /// <summary><paramref name="file"/> with each payload's tag replaced by <see cref="MaskTag"/>, as a sequence of segments (nothing is copied).</summary>
    public ReadOnlySequence<byte> Masked(ReadOnlyMemory<byte> file)
    {
        if (Payloads.Count == 0) return new ReadOnlySequence<byte>(file);
        var first = new Segment(file[..(int)Payloads[0].TagOffset], 0);
        var last = first;
        for (var i = 0; i < Payloads.Count; i++)
        {
            var tag = (int)Payloads[i].TagOffset;
            var next = i + 1 < Payloads.Count ? (int)Payloads[i + 1].TagOffset : file.Length;
            last = last.Append(MaskBytes).Append(file[(tag + 1)..next]);
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }

    /// <summary>Walks one message's fields; false as soon as something is not plain, minimal protobuf.</summary>
    private sealed class Walker(List<WeightPayload> payloads)
    {
        private readonly List<WeightPayload.Step> _path = [];

        public bool AnyFloat16 { get; private set; }

        public bool Message(ReadOnlySpan<byte> bytes, int start, int end, MessageDescriptor descriptor, int depth)
        {
            if (depth > MaxDepth) return false;
            var isWeights = descriptor == WeightParams.Descriptor;
            var repeats = new Dictionary<int, int>();
            var seenSingular = new HashSet<int>();
            var position = start;
            while (position < end)
            {
                var tagOffset = position;
                if (!Varint(bytes, ref position, end, out var tag) || tag >> 3 == 0 || tag >> 3 > int.MaxValue) return false;
                var number = (int)(tag >> 3);
                var field = descriptor.FindFieldByNumber(number);
                // An undeclared field, or a declared one in another wire type, would be dropped by the masked parse
                // unnoticed; the whole parse locates such fields and reports them. (This also refuses unpacked
                // floatValue elements, which would be parsed beside a payload read from the file.)
                if (field is null || !Accepts(field, (int)(tag & 7), isWeights && number is 1 or 2)) return false;
                switch (tag & 7)
                {
                    case 0:
                        if (!Varint(bytes, ref position, end, out _)) return false;
                        continue;
                    case 1:
                        position += 8;
                        if (position > end) return false;
                        continue;
                    case 5:
                        position += 4;
                        if (position > end) return false;
                        continue;
                    case 2:
                        break;
                    default:
                        return false;
                }
                if (!Varint(bytes, ref position, end, out var length) || length > (ulong)(end - position)) return false;
                var payloadStart = position;
                position += (int)length;
                if (isWeights && number is 1 or 2)
                {
                    // A second chunk of the same field would be concatenated (floatValue) or replace the first (float16Value).
                    if (!seenSingular.Add(number) || position - tagOffset != 1 + VarintSize(length) + (int)length) return false;
                    AnyFloat16 |= number == 2 && length > 0;
                    if (length >= MinimumBytes)
                    {
                        payloads.Add(new WeightPayload([.. _path], tagOffset, payloadStart, (int)length, number == 1 ? WeightPayloadKind.Float32 : WeightPayloadKind.Float16));
                    }
                    continue;
                }
                if (field.FieldType != FieldType.Message || field.IsMap) continue;
                // Two copies of a singular message field are merged by protobuf: positions would no longer name one message.
                if (!field.IsRepeated && !seenSingular.Add(number)) return false;
                var index = field.IsRepeated ? repeats[number] = repeats.GetValueOrDefault(number) + 1 : 0;
                _path.Add(new WeightPayload.Step(field, field.IsRepeated ? index - 1 : -1));
                var ok = Message(bytes, payloadStart, position, field.MessageType, depth + 1);
                _path.RemoveAt(_path.Count - 1);
                if (!ok) return false;
            }
            return position == end;
        }

        /// <summary>Whether Google.Protobuf's generated parser reads <paramref name="field"/> from <paramref name="wireType"/>.</summary>
        private static bool Accepts(FieldDescriptor field, int wireType, bool payload)
        {
            var natural = field.FieldType switch
            {
                FieldType.Message or FieldType.String or FieldType.Bytes => 2,
                FieldType.Double or FieldType.Fixed64 or FieldType.SFixed64 => 1,
                FieldType.Float or FieldType.Fixed32 or FieldType.SFixed32 => 5,
                FieldType.Group => 3,
                _ => 0,
            };
            if (payload) return wireType == 2;
            return wireType == natural || (field.IsRepeated && natural != 2 && wireType == 2);
        }

        // Only minimal encodings: a padded varint would make the masked tag and the skipped length disagree with the file.
        private static bool Varint(ReadOnlySpan<byte> bytes, ref int position, int end, out ulong value)
        {
            value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (position >= end) return false;
                var b = bytes[position++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return b != 0 || shift == 0;
            }
            return false;
        }

        private static int VarintSize(ulong value)
        {
            var size = 1;
            while (value >= 0x80)
            {
                value >>= 7;
                size++;
            }
            return size;
        }
    }
}

/// <summary>Whether a payload holds float32 values (floatValue) or IEEE half values (float16Value).</summary>
internal enum WeightPayloadKind
{
    Float32,
    Float16,
}

/// <summary>
/// One WeightParams payload in the file: the fields leading to its WeightParams message from the Model (a repeated
/// field with the element's index, a singular one with -1), the offset of its one-byte tag, and where its values lie.
/// </summary>
internal sealed record WeightPayload(WeightPayload.Step[] Path, long TagOffset, long PayloadOffset, int Length, WeightPayloadKind Kind)
{
    public readonly record struct Step(FieldDescriptor Field, int Index);
}
