using System.Text;
using Parity.Validation.Comparison;

namespace Parity.Validation.Reports;

/// <summary>Writes reports to files chosen by extension (.json, .md, .html/.htm, .xml for JUnit), never replacing a file unless told to.</summary>
public static class ReportFiles
{
    public const string SupportedExtensions = ".json, .md, .html or .xml (JUnit)";

    /// <summary>Checks every path before anything runs, so a refused report costs no model execution.</summary>
    public static void CheckWritable(IEnumerable<string> paths, bool overwrite)
    {
        foreach (var path in paths)
        {
            if (!IsSupported(path)) throw new ArgumentException($"--report {path}: unknown report type '{Path.GetExtension(path)}'; expected {SupportedExtensions}.");
            if (!overwrite && File.Exists(path)) throw new IOException($"--report {path} already exists; nothing was run. Choose another name or pass --overwrite.");
        }
    }

    public static bool IsSupported(string path) => Path.GetExtension(path).ToLowerInvariant() is ".json" or ".md" or ".html" or ".htm" or ".xml";

    public static void Write(string path, ComparisonReport report, bool overwrite)
    {
        CheckWritable([path], overwrite);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".json":
                using (var stream = File.Create(path)) JsonReport.Write(stream, report);
                break;
            case ".md":
                File.WriteAllText(path, MarkdownReport.Render(report), utf8);
                break;
            case ".xml":
                using (var writer = System.Xml.XmlWriter.Create(path, new System.Xml.XmlWriterSettings { Encoding = utf8, Indent = true }))
                {
                    JUnitReport.Render(report).Save(writer);
                }
                break;
            default:
                File.WriteAllText(path, HtmlReport.Render(report), utf8);
                break;
        }
    }
}
