namespace FokkerPlanckGrid.Plotting.Panels;

/// <summary>
/// One panel of a <see cref="PanelFigure"/>, described as data: title, axis labels (with units), logarithmic axes
/// (the values are plotted as log10 with decade or 1-2-5 ticks labelled by the numbers themselves), a reversed x axis
/// for time (T on the left, t_min on the right, as in every run figure), and what to draw, back to front: an image,
/// curves, level lines, outlines, points, reference lines. Ranges are in data units; unset, they fit the data.
/// </summary>
public sealed record Panel(string Title, string XLabel, string YLabel)
{
    public bool LogX { get; init; }
    public bool LogY { get; init; }

    /// <summary>x grows to the left (time axes: T on the left, t_min on the right).</summary>
    public bool ReverseX { get; init; }

    public FieldImage? Image { get; init; }
    public IReadOnlyList<Curve> Curves { get; init; } = [];
    public IReadOnlyList<LevelLine> LevelLines { get; init; } = [];
    public IReadOnlyList<Outline> Outlines { get; init; } = [];
    public IReadOnlyList<PointSet> Points { get; init; } = [];

    /// <summary>Dotted horizontal reference lines at these y values (data units).</summary>
    public IReadOnlyList<double> ReferenceY { get; init; } = [];

    public (double Lower, double Upper)? XRange { get; init; }
    public (double Lower, double Upper)? YRange { get; init; }

    /// <summary>One unit on x is as long as one unit on y (maps of the plane).</summary>
    public bool EqualUnits { get; init; }

    public LegendCorner Legend { get; init; } = LegendCorner.UpperRight;
}
