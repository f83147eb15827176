using FokkerPlanckGrid.IO;
using ScottPlot;

namespace FokkerPlanckGrid.Plotting;

/// <summary>
/// 1D snapshot figures: the density v(x, t) with the exact u(x, t) (or the OU law w) dashed, on linear and logarithmic axes (the
/// log-density view of the paper's Figure 1), and the score s(x, t) at the same snapshots.
/// </summary>
internal static class FieldFigures1D
{
    private const int SnapshotCount = 6;
    /// <summary>Decades shown below the largest density on the log panel.</summary>
    private const double LogDecades = 12;

    public static IEnumerable<string> Write(RunFile run, string outDir, string stem)
    {
        var shown = Curves.Spread(run.SnapshotTimes.Length, SnapshotCount);
        if (shown.Length == 0) yield break;
        if (run.Has(Hdf5Layout.SnapshotsV))
            yield return Density(run, shown, Path.Combine(outDir, stem + "-density.png"));
        if (run.Has(Hdf5Layout.SnapshotsScoreX))
            yield return Score(run, shown, Path.Combine(outDir, stem + "-score.png"));
    }

    private static string Density(RunFile run, int[] shown, string file)
    {
        var v = shown.Select(k => run.Snapshot(Hdf5Layout.SnapshotsV, k)).ToArray();
        var u = run.Has(Hdf5Layout.SnapshotsU) ? shown.Select(k => run.Snapshot(Hdf5Layout.SnapshotsU, k)).ToArray() : null;

        var linear = new Plot();
        var log = new Plot();
        FigureStyle.Apply(linear, $"{run.Name}: density v(x, t), solid; {run.LawDescription}, dashed (eps = {FigureStyle.Number(run.Eps)})",
            "x", "v(x, t)");
        FigureStyle.Apply(log, "the same on a logarithmic scale (log-density, as in the paper's Figure 1)", "x", "v(x, t) (log scale)");

        double max = v.Concat(u ?? []).SelectMany(a => a).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        double top = max > 0 ? Math.Log10(max) : 0;
        double floor = top - LogDecades;
        for (int k = 0; k < shown.Length; k++)
        {
            var color = FigureStyle.Ordered(k, shown.Length);
            Curves.Line(linear, run.X, v[k], false, false, color, null);
            Curves.Line(log, run.X, Clamp(v[k], floor), false, false, color, null);
            if (u is null) continue;
            Curves.Line(linear, run.X, u[k], false, false, color, null, LinePattern.Dashed, 1.5f);
            Curves.Line(log, run.X, Clamp(u[k], floor), false, false, color, null, LinePattern.Dashed, 1.5f);
        }
        linear.Axes.SetLimitsY(0, max > 0 ? 1.08 * max : 1);
        linear.Axes.SetLimitsX(run.BoxX.Lower, run.BoxX.Upper);
        double pad = 0.04 * LogDecades;
        LogTicks.Apply(log.Axes.Left, floor, top + pad);
        log.Axes.SetLimitsY(floor, top + pad);
        log.Axes.SetLimitsX(run.BoxX.Lower, run.BoxX.Upper);

        var items = shown.Select((k, i) => new LegendItem
        {
            LabelText = $"t = {FigureStyle.Number(run.SnapshotTimes[k])}",
            LineColor = FigureStyle.Ordered(i, shown.Length),
            LineWidth = 2,
        }).ToList();
        if (u is not null)
            items.Add(new LegendItem { LabelText = $"{run.Law}(t), exact", LineColor = Colors.Black, LineWidth = 1.5f, LinePattern = LinePattern.Dashed });
        linear.ShowLegend(items, Alignment.UpperRight);
        linear.Legend.FontSize = FigureStyle.LegendSize;
        return FigureStyle.Save([linear, log], file, rows: 2, columns: 1, FigureStyle.Width, FigureStyle.Height + 200);
    }

    private static string Score(RunFile run, int[] shown, string file)
    {
        var plot = new Plot();
        FigureStyle.Apply(plot, $"{run.Name}: score s(x, t) = ∂ₓ log {run.Law}(x, t) at the cell centres", "x", "s(x, t)");
        var items = new List<LegendItem>();
        for (int k = 0; k < shown.Length; k++)
        {
            var color = FigureStyle.Ordered(k, shown.Length);
            Curves.Line(plot, run.X, run.Snapshot(Hdf5Layout.SnapshotsScoreX, shown[k]), false, false, color, null);
            items.Add(new LegendItem { LabelText = $"t = {FigureStyle.Number(run.SnapshotTimes[shown[k]])}", LineColor = color, LineWidth = 2 });
        }
        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
        plot.Axes.SetLimitsX(run.BoxX.Lower, run.BoxX.Upper);
        plot.ShowLegend(items, Alignment.UpperRight);
        plot.SavePng(file, FigureStyle.Width, FigureStyle.Height);
        return file;
    }

    /// <summary>log10 of the values, those below <paramref name="floor"/> (and zeros) pushed just under it, off the axis.</summary>
    private static double[] Clamp(double[] values, double floor) =>
        values.Select(a => a > 0 ? Math.Max(Math.Log10(a), floor - 1) : double.IsNaN(a) ? double.NaN : floor - 1).ToArray();
}
