using Spectre.Console;

namespace Parity.Cli;

/// <summary>Where a command writes: the console for reports, and a writer for one-paragraph errors. Tests substitute both.</summary>
public sealed record CliContext(IAnsiConsole Console, TextWriter Error);
