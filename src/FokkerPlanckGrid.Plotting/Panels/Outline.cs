namespace FokkerPlanckGrid.Plotting.Panels;

/// <summary>A closed polygon's outline (e.g. a Voronoi cell), vertices in order.</summary>
public sealed record Outline(IReadOnlyList<(double X, double Y)> Vertices, string? Legend, Paint Color,
    Stroke Stroke = Stroke.Solid, float Width = 2);
