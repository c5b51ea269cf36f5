using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Parity.Spec.CoreML;

/// <summary>
/// Finds the messages that carry fields our .proto files do not declare. Google.Protobuf keeps such
/// fields but does not expose them, so the same bytes are parsed twice (keeping and discarding unknown
/// fields) and the two trees are walked together: a message whose encoded size differs while all its
/// children agree holds unknown fields itself. A wrong field number in our .proto files shows up here.
/// </summary>
internal static class UnknownFieldLocator
{
    /// <summary>Paths such as "Model.neuralNetwork.layers[3].convolution" of messages holding unknown fields.</summary>
    public static IReadOnlyList<string> Locate(IMessage kept, IMessage discarded, string rootName)
    {
        var paths = new List<string>();
        if (kept.CalculateSize() != discarded.CalculateSize())
        {
            Walk(kept, discarded, rootName, paths);
        }

        return paths;
    }

    private static void Walk(IMessage kept, IMessage discarded, string path, List<string> paths)
    {
        bool childDiffers = false;
        foreach (FieldDescriptor field in kept.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.IsMap)
            {
                FieldDescriptor valueField = field.MessageType.FindFieldByNumber(2);
                if (valueField.FieldType != FieldType.Message)
                {
                    continue;
                }

                var keptMap = (IDictionary)field.Accessor.GetValue(kept);
                var discardedMap = (IDictionary)field.Accessor.GetValue(discarded);
                foreach (DictionaryEntry entry in keptMap)
                {
                    childDiffers |= Compare(entry.Value as IMessage, discardedMap[entry.Key] as IMessage, $"{path}.{field.Name}[{entry.Key}]", paths);
                }
            }
            else if (field.FieldType == FieldType.Message && field.IsRepeated)
            {
                var keptList = (IList)field.Accessor.GetValue(kept);
                var discardedList = (IList)field.Accessor.GetValue(discarded);
                for (int i = 0; i < keptList.Count && i < discardedList.Count; i++)
                {
                    childDiffers |= Compare(keptList[i] as IMessage, discardedList[i] as IMessage, $"{path}.{field.Name}[{i}]", paths);
                }
            }
            else if (field.FieldType == FieldType.Message)
            {
                childDiffers |= Compare(field.Accessor.GetValue(kept) as IMessage, field.Accessor.GetValue(discarded) as IMessage, $"{path}.{field.Name}", paths);
            }
        }

        // The children's extra bytes account for part of the difference; if none differ, the rest is here.
        if (!childDiffers || OwnSizeDiffers(kept, discarded))
        {
            paths.Add(path);
        }
    }

    private static bool Compare(IMessage? kept, IMessage? discarded, string path, List<string> paths)
    {
        if (kept is null || discarded is null || kept.CalculateSize() == discarded.CalculateSize())
        {
            return false;
        }

        Walk(kept, discarded, path, paths);
        return true;
    }

    // A message's size minus its known fields' encoded sizes is the size of its own unknown fields.
    private static bool OwnSizeDiffers(IMessage kept, IMessage discarded)
    {
        IMessage keptWithoutChildren = kept.Descriptor.Parser.ParseFrom(kept.ToByteString());
        IMessage discardedWithoutChildren = discarded.Descriptor.Parser.ParseFrom(discarded.ToByteString());
        ClearMessageFields(keptWithoutChildren);
        ClearMessageFields(discardedWithoutChildren);
        return keptWithoutChildren.CalculateSize() != discardedWithoutChildren.CalculateSize();
    }

    private static void ClearMessageFields(IMessage message)
    {
        foreach (FieldDescriptor field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType == FieldType.Message || field.IsMap)
            {
                field.Accessor.Clear(message);
            }
        }
    }
}
