using ScottPlot;

namespace FokkerPlanckGrid.Plotting;

/// <summary>Curve helpers: log10 coordinates, dropping points a plot cannot show, the time axis, snapshot choice.</summary>
internal static class Curves
{
    /// <summary>The points with finite x and y (and, for a log axis, positive values before the log).</summary>
    public static (double[] X, double[] Y) Finite(IReadOnlyList<double> x, IReadOnlyList<double> y, bool logX, bool logY)
    {
        var xs = new List<double>(x.Count);
        var ys = new List<double>(x.Count);
        for (int i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            double a = x[i], b = y[i];
            if (logX) a = a > 0 ? Math.Log10(a) : double.NaN;
            if (logY) b = b > 0 ? Math.Log10(b) : double.NaN;
            if (double.IsFinite(a) && double.IsFinite(b)) { xs.Add(a); ys.Add(b); }
        }
        return (xs.ToArray(), ys.ToArray());
    }

    /// <summary>
    /// Adds a line (no markers) of the finite points; returns null, adding nothing, if none is left.
    /// </summary>
    public static ScottPlot.Plottables.Scatter? Line(Plot plot, IReadOnlyList<double> x, IReadOnlyList<double> y,
        bool logX, bool logY, Color color, string? legend, LinePattern? pattern = null, float width = 2)
    {
        var (xs, ys) = Finite(x, y, logX, logY);
        if (xs.Length == 0) return null;
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LineWidth = width;
        if (pattern is { } p) line.LinePattern = p;
        if (legend is not null) line.LegendText = legend;
        return line;
    }

    /// <summary>
    /// Log t on the bottom axis, reversed so that the run reads from T on the left to t_min on the right;
    /// the limits are those of the whole run even after a breakdown, so figures of a run compare.
    /// </summary>
    public static void TimeAxis(Plot plot, RunFile run, IReadOnlyList<double> t)
    {
        double hi = Math.Log10(Math.Max(run.T, t.Where(double.IsFinite).DefaultIfEmpty(run.T).Max()));
        double lo = Math.Log10(Math.Min(run.TMin, t.Where(v => v > 0).DefaultIfEmpty(run.TMin).Min()));
        if (!(hi > lo)) (lo, hi) = (lo - 0.5, hi + 0.5);
        LogTicks.Apply(plot.Axes.Bottom, lo, hi);
        double pad = 0.02 * (hi - lo);
        plot.Axes.SetLimitsX(hi + pad, lo - pad);
    }

    /// <summary>Log ticks on the left axis and limits around the log10 values in <paramref name="logValues"/>.</summary>
    public static void LogY(Plot plot, IEnumerable<double> logValues, double minSpanDecades = 1, double headroom = 0.05)
    {
        var v = logValues.Where(double.IsFinite).ToArray();
        if (v.Length == 0) return;
        double lo = v.Min(), hi = v.Max();
        if (hi - lo < minSpanDecades)
        {
            double mid = (lo + hi) / 2;
            (lo, hi) = (mid - minSpanDecades / 2, mid + minSpanDecades / 2);
        }
        double pad = 0.05 * (hi - lo);
        LogTicks.Apply(plot.Axes.Left, lo - pad, hi + headroom * (hi - lo));
        plot.Axes.SetLimitsY(lo - pad, hi + headroom * (hi - lo));
    }

    /// <summary>
    /// Linear y limits around the finite values, with <paramref name="headroom"/> (a fraction of the range) above
    /// them for a legend in an upper corner.
    /// </summary>
    public static void LinearY(Plot plot, IEnumerable<double> values, double headroom = 0.05)
    {
        var v = values.Where(double.IsFinite).ToArray();
        if (v.Length == 0) return;
        double lo = v.Min(), hi = v.Max();
        double span = hi > lo ? hi - lo : Math.Max(Math.Abs(hi), 1e-300);
        plot.Axes.SetLimitsY(lo - 0.05 * span, hi + headroom * span);
    }

    /// <summary>Up to <paramref name="count"/> snapshot indices spread evenly over 0..S-1, first and last included.</summary>
    public static int[] Spread(int snapshots, int count)
    {
        if (snapshots <= 0) return [];
        if (snapshots <= count) return Enumerable.Range(0, snapshots).ToArray();
        return Enumerable.Range(0, count)
            .Select(k => (int)Math.Round(k * (snapshots - 1.0) / (count - 1)))
            .Distinct().ToArray();
    }
}
