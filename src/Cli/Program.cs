using Parity.Cli;
using Spectre.Console;

return CliApp.Run(args, new CliContext(AnsiConsole.Console, Console.Error));
