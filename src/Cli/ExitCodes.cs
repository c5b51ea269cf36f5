namespace Parity.Cli;

/// <summary>The process exit codes DESIGN.md §4 promises.</summary>
public static class ExitCodes
{
    public const int Agree = 0;
    public const int Disagree = 1;
    public const int BadInput = 2;
    public const int Unsupported = 3;

    /// <summary>A failure inside Parity itself (a bug), reported in one paragraph.</summary>
    public const int InternalError = 4;
}
