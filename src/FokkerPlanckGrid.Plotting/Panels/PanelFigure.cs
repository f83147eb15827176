using ScottPlot;

namespace FokkerPlanckGrid.Plotting.Panels;

/// <summary>
/// Draws <see cref="Panel"/>s in the house style of the run figures (<see cref="FigureStyle"/>: fonts readable at 100%,
/// labelled axes, decade ticks on log axes, legends) and saves them as one PNG, written under a temporary name and
/// renamed when complete. The validation studies describe their figures as panels, so a new study needs no
/// plotting code of its own.
/// </summary>
public static class PanelFigure
{
    /// <summary>
    /// Saves <paramref name="panels"/> in a grid of <paramref name="columns"/> columns (rows as needed) to
    /// <paramref name="file"/> (PNG) and returns the path. Width and height default to about 650 x 520 pixels per
    /// panel (at least 1200 x 800).
    /// </summary>
    public static string Save(IReadOnlyList<Panel> panels, string file, int columns = 1, int? width = null, int? height = null)
    {
        if (panels.Count == 0) throw new ArgumentException("a figure needs at least one panel", nameof(panels));
        columns = Math.Clamp(columns, 1, panels.Count);
        int rows = (panels.Count + columns - 1) / columns;
        int w = width ?? Math.Max(FigureStyle.Width, Math.Min(2000, 650 * columns));
        int h = height ?? Math.Max(FigureStyle.Height, 520 * rows);
        var plots = panels.Select(Build).ToList();
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (dir is not null) Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir ?? ".", "." + Path.GetFileNameWithoutExtension(file) + ".tmp.png");
        FigureStyle.Save(plots, tmp, rows, columns, w, h);
        File.Move(tmp, file, overwrite: true);
        return file;
    }

    internal static Plot Build(Panel panel)
    {
        var plot = new Plot();
        FigureStyle.Apply(plot, panel.Title, Label(panel.XLabel, panel.LogX), Label(panel.YLabel, panel.LogY));
        var legend = new List<LegendItem>();
        var xs = new List<double>();
        var ys = new List<double>();

        if (panel.Image is { } image) AddImage(plot, image);
        foreach (var c in panel.Curves)
        {
            if (Curves.Line(plot, c.X, c.Y, panel.LogX, panel.LogY, c.Color.ToColor(), null, Pattern(c.Stroke), c.Width) is { } line)
                foreach (var p in line.Data.GetScatterPoints()) { xs.Add(p.X); ys.Add(p.Y); }
            if (c.Legend is not null) legend.Add(LineItem(c.Legend, c.Color, c.Stroke, c.Width));
        }
        foreach (var l in panel.LevelLines)
        {
            AddLevelLine(plot, l);
            if (l.Legend is not null) legend.Add(LineItem(l.Legend, l.Color, l.Stroke, l.Width));
        }
        foreach (var o in panel.Outlines)
        {
            if (o.Vertices.Count < 2) continue;
            var closed = o.Vertices.Append(o.Vertices[0]).ToArray();
            var line = plot.Add.ScatterLine(closed.Select(v => v.X).ToArray(), closed.Select(v => v.Y).ToArray(), o.Color.ToColor());
            line.LineWidth = o.Width;
            line.LinePattern = Pattern(o.Stroke);
            line.MarkerSize = 0;
            if (o.Legend is not null) legend.Add(LineItem(o.Legend, o.Color, o.Stroke, o.Width));
        }
        foreach (var s in panel.Points)
        {
            var (px, py) = Curves.Finite(s.X, s.Y, panel.LogX, panel.LogY);
            if (px.Length == 0) continue;
            var shape = Shape(s.Shape);
            var markers = plot.Add.Markers(px, py, shape, s.Size, s.Color.ToColor());
            markers.MarkerLineWidth = 2;
            xs.AddRange(px);
            ys.AddRange(py);
            if (s.Legend is not null)
                legend.Add(new LegendItem
                {
                    LabelText = s.Legend, MarkerShape = shape, MarkerSize = s.Size, MarkerFillColor = s.Color.ToColor(),
                    MarkerLineColor = s.Color.ToColor(), MarkerLineWidth = 2, LineWidth = 0,
                });
        }
        foreach (var y in panel.ReferenceY)
        {
            double at = panel.LogY ? (y > 0 ? Math.Log10(y) : double.NaN) : y;
            if (double.IsFinite(at)) plot.Add.HorizontalLine(at, 1.5f, Colors.Gray, LinePattern.Dotted);
        }

        SetX(plot, panel, xs);
        SetY(plot, panel, ys);
        if (panel.EqualUnits) plot.Axes.SquareUnits();
        if (legend.Count > 0 && panel.Legend != LegendCorner.None)
        {
            plot.ShowLegend(legend, Corner(panel.Legend));
            plot.Legend.FontSize = FigureStyle.LegendSize;
        }
        return plot;
    }

    private static string Label(string label, bool log) =>
        log && !label.Contains("log", StringComparison.OrdinalIgnoreCase) ? label + " (log scale)" : label;

    private static void SetX(Plot plot, Panel panel, List<double> data)
    {
        if (panel.Image is { } image && panel.XRange is null)
        {
            plot.Axes.SetLimitsX(image.X0, image.X1);
            return;
        }
        double lo, hi;
        if (panel.XRange is { } r) (lo, hi) = panel.LogX ? (Math.Log10(r.Lower), Math.Log10(r.Upper)) : (r.Lower, r.Upper);
        else if (data.Count > 0) (lo, hi) = (data.Min(), data.Max());
        else return;
        if (!(hi > lo)) (lo, hi) = (lo - 0.5, hi + 0.5);
        if (panel.LogX) LogTicks.Apply(plot.Axes.Bottom, lo, hi);
        double pad = panel.XRange is null ? 0.02 * (hi - lo) : 0;
        if (panel.ReverseX) plot.Axes.SetLimitsX(hi + pad, lo - pad);
        else plot.Axes.SetLimitsX(lo - pad, hi + pad);
    }

    private static void SetY(Plot plot, Panel panel, List<double> data)
    {
        if (panel.Image is { } image && panel.YRange is null)
        {
            plot.Axes.SetLimitsY(image.Y0, image.Y1);
            return;
        }
        if (panel.YRange is { } r)
        {
            var (lo, hi) = panel.LogY ? (Math.Log10(r.Lower), Math.Log10(r.Upper)) : (r.Lower, r.Upper);
            if (panel.LogY) LogTicks.Apply(plot.Axes.Left, lo, hi);
            plot.Axes.SetLimitsY(lo, hi);
            return;
        }
        var values = data.Concat(panel.ReferenceY.Select(y => panel.LogY ? (y > 0 ? Math.Log10(y) : double.NaN) : y));
        // room above the curves for a legend in an upper corner
        double headroom = panel.Legend is LegendCorner.UpperLeft or LegendCorner.UpperRight ? 0.25 : 0.05;
        if (panel.LogY) Curves.LogY(plot, values, minSpanDecades: 1, headroom: headroom);
        else Curves.LinearY(plot, values, headroom);
    }

    private static void AddImage(Plot plot, FieldImage image)
    {
        var values = new double[image.Ny, image.Nx];
        double floor = double.PositiveInfinity;
        if (image.Log10)
            foreach (var v in image.Values)
                if (v > 0) floor = Math.Min(floor, Math.Log10(v));
        for (int i = 0; i < image.Nx; i++)
            for (int j = 0; j < image.Ny; j++)
            {
                double v = image.Values[i * image.Ny + j];
                if (image.Categories > 0) v = v >= 0 && double.IsFinite(v) ? v : double.NaN;
                else if (image.Log10) v = v > 0 ? Math.Log10(v) : floor;
                values[image.Ny - 1 - j, i] = double.IsFinite(v) ? v : double.NaN;
            }
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Extent = new CoordinateRect(image.X0, image.X1, image.Y0, image.Y1);
        if (image.Categories > 0)
        {
            heatmap.Colormap = new CategoryColors(image.Categories);
            heatmap.ManualRange = new ScottPlot.Range(0, Math.Max(1, image.Categories - 1));
            heatmap.NaNCellColor = Colors.White;
            return;
        }
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = image.Log10 ? $"{image.Label} (log10)" : image.Label;
        bar.LabelStyle.FontSize = FigureStyle.LabelSize;
        bar.Axis.TickLabelStyle.FontSize = FigureStyle.TickSize;
    }

    private static void AddLevelLine(Plot plot, LevelLine l)
    {
        var points = new Coordinates3d[l.Ny, l.Nx];
        double hx = (l.X1 - l.X0) / l.Nx, hy = (l.Y1 - l.Y0) / l.Ny;
        bool below = false, above = false;
        for (int i = 0; i < l.Nx; i++)
            for (int j = 0; j < l.Ny; j++)
            {
                double z = l.Field[i * l.Ny + j];
                below |= z < l.Level;
                above |= z > l.Level;
                points[j, i] = new Coordinates3d(l.X0 + (i + 0.5) * hx, l.Y0 + (j + 0.5) * hy, z);
            }
        if (!below || !above) return;   // no crossing: nothing to draw
        var contour = plot.Add.ContourLines(points, 1);
        contour.ContourLineLevels = [l.Level];
        contour.Update(points);
        contour.Colormap = null!;
        contour.LineColor = l.Color.ToColor();
        contour.LineWidth = l.Width;
        contour.LinePattern = Pattern(l.Stroke);
        contour.LabelStyle.IsVisible = false;
    }

    private static LegendItem LineItem(string text, Paint color, Stroke stroke, float width) => new()
    {
        LabelText = text, LineColor = color.ToColor(), LineWidth = width, LinePattern = Pattern(stroke),
    };

    private static LinePattern Pattern(Stroke s) => s switch
    {
        Stroke.Dashed => LinePattern.Dashed,
        Stroke.Dotted => LinePattern.Dotted,
        _ => LinePattern.Solid,
    };

    private static MarkerShape Shape(PointShape s) => s switch
    {
        PointShape.FilledCircle => MarkerShape.FilledCircle,
        PointShape.Cross => MarkerShape.Cross,
        _ => MarkerShape.OpenCircle,
    };

    private static Alignment Corner(LegendCorner c) => c switch
    {
        LegendCorner.UpperLeft => Alignment.UpperLeft,
        LegendCorner.LowerLeft => Alignment.LowerLeft,
        LegendCorner.LowerRight => Alignment.LowerRight,
        _ => Alignment.UpperRight,
    };

    /// <summary>Light categorical colours for integer labels 0..n-1 (the heatmap passes label / (n - 1)).</summary>
    private sealed class CategoryColors(int count) : IColormap
    {
        public string Name => "categories";

        public Color GetColor(double normalized)
        {
            int k = (int)Math.Round(normalized * Math.Max(1, count - 1));
            return FigureStyle.Categorical(Math.Clamp(k, 0, count - 1)).MixedWith(Colors.White, 0.6);
        }
    }
}
