using Spectre.Console;

namespace Parity.Cli.Tests;

/// <summary>Runs the `parity` command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        var code = CliApp.Run(args, new CliContext(console, error));
        return (code, output.ToString(), error.ToString());
    }

    public static string Repository { get; } = FindRoot();

    public static string MnistH5 => Path.Combine(Repository, "examples", "mnist", "mnist.model.best.hdf5");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Parity.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Parity.sln above {AppContext.BaseDirectory}.");
    }
}
