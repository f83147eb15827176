namespace FokkerPlanckGrid.Plotting.Panels;

/// <summary>
/// A line through (X[i], Y[i]) in data units (the panel takes log10 where its axis is logarithmic; points that a log
/// axis cannot show, and non-finite ones, are dropped). A null <see cref="Legend"/> keeps it out of the legend.
/// </summary>
public sealed record Curve(IReadOnlyList<double> X, IReadOnlyList<double> Y, string? Legend, Paint Color,
    Stroke Stroke = Stroke.Solid, float Width = 2);
