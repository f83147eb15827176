namespace FokkerPlanckGrid.Convergence;

/// <summary>
/// What a convergence study refines from one level to the next (each level halves the refined quantities).
/// Level k of L (k = 0 coarsest) uses the coarsening factor r = 2^(L-1-k), so the finest level is the case itself.
/// </summary>
public enum Refinement
{
    /// <summary>cells x 2 and steps x 2 per level (the default): the combined space-time error, h and dtau together.</summary>
    Both,

    /// <summary>
    /// cells x 2 per level, the time grid fixed at the case's own (its step count, or for an adaptive grid the same
    /// dtau: the Courant bound is scaled with h). The time error at that step count is a floor.
    /// </summary>
    Space,

    /// <summary>steps x 2 per level (adaptive: Courant bound / 2), the cells fixed at the case's own. The space error is a floor.</summary>
    Time,
}

public static class RefinementNames
{
    public static string Name(this Refinement r) => r switch
    {
        Refinement.Space => "space",
        Refinement.Time => "time",
        _ => "both",
    };

    /// <summary>Parses `both`, `space` or `time`; null for anything else.</summary>
    public static Refinement? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "both" => Refinement.Both,
        "space" => Refinement.Space,
        "time" => Refinement.Time,
        _ => null,
    };
}
