using System.CommandLine;

namespace Parity.Cli.Commands;

/// <summary>`parity diff A B`: the `check` machinery for any two models, with A as the reference.</summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context) =>
        CheckCommand.Build(context, "diff", "Compare two models of any supported formats, layer by layer (A is the reference).", "a", "b");
}
