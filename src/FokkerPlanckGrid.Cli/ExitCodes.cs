namespace FokkerPlanckGrid.Cli;

/// <summary>Process exit codes (SPEC.md).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>`verify`: a check failed.</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad input: one line names the key, the value and what is allowed; nothing is written.</summary>
    public const int InputError = 2;

    /// <summary>Numerical breakdown: the file holds everything up to the last good step.</summary>
    public const int Breakdown = 3;
}
