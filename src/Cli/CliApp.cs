using System.CommandLine;
using Parity.Cli.Commands;
using Parity.Spec;

namespace Parity.Cli;

/// <summary>The `parity` command line: builds the commands and turns every failure into a one-paragraph message and an exit code.</summary>
public static class CliApp
{
    public static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand("parity: does your Core ML conversion compute what the source model computes?")
        {
            InspectCommand.Create(context),
            RunCommand.Create(context),
            CheckCommand.Create(context),
            DiffCommand.Create(context),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) context.Error.WriteLine($"parity: {error.Message}");
            context.Error.WriteLine("Run 'parity --help' for usage.");
            return ExitCodes.BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = context.Console.Profile.Out.Writer, Error = context.Error });
        }
        catch (ModelFormatException e)
        {
            context.Error.WriteLine($"parity: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (UnsupportedLayerException e)
        {
            context.Error.WriteLine($"parity: {e.Message}");
            return ExitCodes.Unsupported;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or Engine.Graph.GraphException)
        {
            context.Error.WriteLine($"parity: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            // A bug in Parity, not in the user's input: say so in one paragraph instead of a stack trace.
            context.Error.WriteLine($"parity: internal error ({e.GetType().Name}): {e.Message} This is a bug in Parity; please report it with the command you ran.");
            return ExitCodes.InternalError;
        }
    }
}
