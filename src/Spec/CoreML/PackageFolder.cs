namespace Parity.Spec.CoreML;

/// <summary>Copies model folders (.mlpackage, .mlmodelc) recursively; Directory.Move cannot cross volumes.</summary>
public static class PackageFolder
{
    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from)) Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
    }
}
