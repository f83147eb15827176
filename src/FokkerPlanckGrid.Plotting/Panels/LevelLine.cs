namespace FokkerPlanckGrid.Plotting.Panels;

/// <summary>
/// The level set { field = Level } of a 2D cell field (same layout as <see cref="FieldImage"/>, values at cell centres),
/// e.g. the boundary of a highest-density region or of a gamma-Voronoi core.
/// </summary>
public sealed record LevelLine(double[] Field, int Nx, int Ny, double X0, double X1, double Y0, double Y1, double Level,
    string? Legend, Paint Color, Stroke Stroke = Stroke.Solid, float Width = 2);
