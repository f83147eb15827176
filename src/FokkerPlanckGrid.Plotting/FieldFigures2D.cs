using FokkerPlanckGrid.IO;
using ScottPlot;

namespace FokkerPlanckGrid.Plotting;

/// <summary>
/// 2D snapshot figure: heatmaps of v(x, y, t) at four snapshots (first, two in between, last), each with its own
/// colour bar, equal units on both axes, and the data points of a Dirac mixture marked.
/// </summary>
internal static class FieldFigures2D
{
    public static IEnumerable<string> Write(RunFile run, string outDir, string stem)
    {
        var shown = Curves.Spread(run.SnapshotTimes.Length, 4);
        if (shown.Length == 0 || !run.Has(Hdf5Layout.SnapshotsV)) yield break;
        yield return Heatmaps(run, shown, Path.Combine(outDir, stem + "-density.png"));
    }

    private static string Heatmaps(RunFile run, int[] shown, string file)
    {
        var panels = new List<Plot>();
        for (int n = 0; n < shown.Length; n++)
        {
            int k = shown[n];
            var plot = new Plot();
            panels.Add(plot);
            string title = n == 0 ? $"{run.Name}: v(x, y, t) at t = {FigureStyle.Number(run.SnapshotTimes[k])}"
                : $"v(x, y, t) at t = {FigureStyle.Number(run.SnapshotTimes[k])}";
            FigureStyle.Apply(plot, title, "x", "y");
            var heatmap = plot.Add.Heatmap(Intensities(run, run.Snapshot(Hdf5Layout.SnapshotsV, k)));
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            heatmap.Extent = new CoordinateRect(run.BoxX.Lower, run.BoxX.Upper, run.BoxY.Lower, run.BoxY.Upper);
            var bar = plot.Add.ColorBar(heatmap);
            bar.Label = "v(x, y, t)";
            bar.LabelStyle.FontSize = FigureStyle.LabelSize;
            bar.Axis.TickLabelStyle.FontSize = FigureStyle.TickSize;
            if (run.DataPoints.Count > 0)
            {
                var markers = plot.Add.Markers(run.DataPoints.Select(p => p[0]).ToArray(),
                    run.DataPoints.Select(p => p[1]).ToArray(), MarkerShape.OpenCircle, 14, Colors.Red);
                markers.MarkerLineWidth = 2;
                if (n == 0)
                {
                    markers.LegendText = "data points";
                    plot.ShowLegend(Alignment.UpperRight);
                    plot.Legend.FontSize = FigureStyle.LegendSize;
                }
            }
            plot.Axes.SetLimits(run.BoxX.Lower, run.BoxX.Upper, run.BoxY.Lower, run.BoxY.Upper);
            plot.Axes.SquareUnits();
        }
        int rows = shown.Length <= 2 ? 1 : 2;
        return FigureStyle.Save(panels, file, rows, columns: shown.Length == 1 ? 1 : 2, FigureStyle.Width,
            FigureStyle.Height + 250 * (rows - 1));
    }

    /// <summary>
    /// The field v[i, j] (C order, i along x, j along y) as heatmap rows from top to bottom: row r holds
    /// j = ny - 1 - r, so y increases upwards as on the axes.
    /// </summary>
    internal static double[,] Intensities(RunFile run, double[] field)
    {
        int nx = run.X.Length, ny = run.Y.Length;
        var image = new double[ny, nx];
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
            {
                double value = field[i * ny + j];
                image[ny - 1 - j, i] = double.IsFinite(value) ? value : double.NaN;
            }
        return image;
    }
}
