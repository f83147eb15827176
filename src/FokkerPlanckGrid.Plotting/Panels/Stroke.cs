namespace FokkerPlanckGrid.Plotting.Panels;

/// <summary>Line pattern: solid for computed results, dashed for exact references, dotted for limits and bounds.</summary>
public enum Stroke
{
    Solid,
    Dashed,
    Dotted,
}
