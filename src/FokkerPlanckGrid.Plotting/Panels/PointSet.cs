namespace FokkerPlanckGrid.Plotting.Panels;

/// <summary>Markers at (X[i], Y[i]): open circles (data points), filled dots (samples) or crosses.</summary>
public sealed record PointSet(IReadOnlyList<double> X, IReadOnlyList<double> Y, string? Legend, Paint Color,
    PointShape Shape = PointShape.OpenCircle, float Size = 10);

/// <summary>Marker shape of a <see cref="PointSet"/>.</summary>
public enum PointShape
{
    OpenCircle,
    FilledCircle,
    Cross,
}
