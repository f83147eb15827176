namespace FokkerPlanckGrid.Plotting.Panels;

/// <summary>Where a panel's legend goes (<see cref="None"/>: no legend).</summary>
public enum LegendCorner
{
    UpperRight,
    UpperLeft,
    LowerRight,
    LowerLeft,
    None,
}
