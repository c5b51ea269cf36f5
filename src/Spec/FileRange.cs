using Microsoft.Win32.SafeHandles;

namespace Parity.Spec;

/// <summary>Fills caller memory from a file position with positional reads: no stream and no buffer in between (weights go straight into their tensors).</summary>
internal static class FileRange
{
    /// <summary>Reads <paramref name="destination"/>.Length bytes at <paramref name="offset"/>; false when the file ends first.</summary>
    public static bool TryRead(SafeFileHandle handle, long offset, Span<byte> destination)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var read = RandomAccess.Read(handle, destination[done..], offset + done);
            if (read == 0) return false;
            done += read;
        }
        return true;
    }
}
