using FokkerPlanckGrid.IO;
using ScottPlot;

namespace FokkerPlanckGrid.Plotting;

/// <summary>
/// Figures of the /diagnostics series against t (log t, from T on the left to t_min on the right): mass drift and
/// min v; the L^p norms with the Theorem 3.1 bound and the discrete bound (log-log, one panel per p); the relative
/// entropies and Fisher information; the Li–Yau margin; the concentration near supp u0 per delta.
/// Each figure is skipped when its datasets are absent.
/// </summary>
internal static class DiagnosticFigures
{
    private const string LpDiscreteBound = Hdf5Layout.DiagnosticsGroup + "/lp_discrete_bound";
    private const string LiYauDiscreteMargin = Hdf5Layout.DiagnosticsGroup + "/liyau_discrete_margin";
    private const string ConcentrationExact = Hdf5Layout.DiagnosticsGroup + "/concentration_exact";

    public static IEnumerable<string> Write(RunFile run, string outDir, string stem)
    {
        if (!run.Has(Hdf5Layout.DiagnosticsT)) yield break;
        var t = run.Read(Hdf5Layout.DiagnosticsT).Data;
        if (t.Length == 0) yield break;
        string Out(string name) => Path.Combine(outDir, $"{stem}-{name}.png");

        if (run.Has(Hdf5Layout.DiagnosticsMass) || run.Has(Hdf5Layout.DiagnosticsMin))
            yield return MassAndMin(run, t, Out("mass"));
        if (run.Has(Hdf5Layout.DiagnosticsP) && run.Has(Hdf5Layout.DiagnosticsLpNorm))
            yield return LpNorms(run, t, Out("lp-norms"));
        if (run.Has(Hdf5Layout.DiagnosticsKlVU) || run.Has(Hdf5Layout.DiagnosticsKlUV) || run.Has(Hdf5Layout.DiagnosticsKlVUh))
            yield return Entropies(run, t, Out("kl"));
        if (run.Has(Hdf5Layout.DiagnosticsLiYauMargin) || run.Has(LiYauDiscreteMargin))
            yield return LiYau(run, t, Out("liyau"));
        if (run.Has(Hdf5Layout.DiagnosticsDelta) && run.Has(Hdf5Layout.DiagnosticsConcentration))
            yield return Concentration(run, t, Out("concentration"));
    }

    private static string MassAndMin(RunFile run, double[] t, string file)
    {
        var panels = new List<Plot>();
        if (run.Has(Hdf5Layout.DiagnosticsMass))
        {
            var mass = run.Read(Hdf5Layout.DiagnosticsMass).Data;
            var plot = new Plot();
            FigureStyle.Apply(plot, $"{run.Name}: relative mass drift, (∑ v dx)(t) / (∑ v dx)(T) − 1",
                FigureStyle.TimeLabel, "relative drift");
            double m0 = mass[0];
            Curves.Line(plot, t, mass.Select(m => m / m0 - 1).ToArray(), true, false, FigureStyle.Categorical(0), null);
            plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
            Curves.TimeAxis(plot, run, t);
            panels.Add(plot);
        }
        if (run.Has(Hdf5Layout.DiagnosticsMin))
        {
            var min = run.Read(Hdf5Layout.DiagnosticsMin).Data;
            var plot = new Plot();
            bool positive = min.Where(double.IsFinite).All(m => m > 0);
            FigureStyle.Apply(plot, positive ? "min v over the grid (positivity: > 0)" : "min v over the grid (positivity: ≥ 0)",
                FigureStyle.TimeLabel, positive ? "min v (log scale)" : "min v");
            Curves.Line(plot, t, min, true, positive, FigureStyle.Categorical(1), null);
            if (positive) Curves.LogY(plot, min.Where(m => m > 0).Select(Math.Log10));
            else plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
            Curves.TimeAxis(plot, run, t);
            panels.Add(plot);
        }
        return Save(panels, file, rows: panels.Count, columns: 1);
    }

    private static string LpNorms(RunFile run, double[] t, string file)
    {
        var p = run.Read(Hdf5Layout.DiagnosticsP).Data;
        var norm = run.Read(Hdf5Layout.DiagnosticsLpNorm).Data;
        var bound = run.Has(Hdf5Layout.DiagnosticsLpBound) ? run.Read(Hdf5Layout.DiagnosticsLpBound).Data : null;
        var discrete = run.Has(LpDiscreteBound) ? run.Read(LpDiscreteBound).Data : null;
        int levels = Math.Min(t.Length, norm.Length / Math.Max(1, p.Length));
        var panels = new List<Plot>();
        for (int j = 0; j < p.Length; j++)
        {
            double[] Column(double[] m) => Enumerable.Range(0, levels).Select(i => m[i * p.Length + j]).ToArray();
            var plot = new Plot();
            string pName = FigureStyle.Number(p[j]);
            FigureStyle.Apply(plot, j == 0 ? $"{run.Name}: ‖v(t)‖_p and the bounds, p = {pName}" : $"p = {pName}",
                "t (log scale, T → t_min)", $"‖v(t)‖_{pName} (log scale)");
            var tl = t.Take(levels).ToArray();
            var logs = new List<double>();
            void Add(double[] values, Color color, string legend, LinePattern pattern, float width)
            {
                if (Curves.Line(plot, tl, values, true, true, color, legend, pattern, width) is { } line)
                    logs.AddRange(line.Data.GetScatterPoints().Select(c => c.Y));
            }
            Add(Column(norm), FigureStyle.Categorical(0), "‖v(t)‖_p", LinePattern.Solid, 2.5f);
            if (bound is not null) Add(Column(bound), FigureStyle.Categorical(3), "Theorem 3.1 bound", LinePattern.Dashed, 2);
            if (discrete is not null) Add(Column(discrete), FigureStyle.Categorical(2), "discrete bound", LinePattern.Dotted, 2.5f);
            Curves.LogY(plot, logs, minSpanDecades: 0.5);
            Curves.TimeAxis(plot, run, tl);
            plot.ShowLegend(Alignment.UpperLeft);
            panels.Add(plot);
        }
        int columns = p.Length <= 2 ? p.Length : p.Length == 4 ? 2 : 3;
        return Save(panels, file, rows: (p.Length + columns - 1) / columns, columns);
    }

    private static string Entropies(RunFile run, double[] t, string file)
    {
        var series = new (string Path, string Legend)[]
        {
            (Hdf5Layout.DiagnosticsKlVU, $"KL(v(t) ‖ {run.Law}(t))"),
            (Hdf5Layout.DiagnosticsKlUV, $"KL({run.Law}(t) ‖ v(t))"),
            (Hdf5Layout.DiagnosticsKlVUh, "KL(v_h(t) ‖ u_h(t)), discrete u_h"),
        }.Where(s => run.Has(s.Path)).Select(s => (run.Read(s.Path).Data, s.Legend)).ToList();
        var panels = new List<Plot> { TimeSeries(run, t, series, $"{run.Name}: relative entropies against the exact and the discrete heat flow", "KL") };
        if (run.Has(Hdf5Layout.DiagnosticsFisherVU))
            panels.Add(TimeSeries(run, t, [(run.Read(Hdf5Layout.DiagnosticsFisherVU).Data, $"I(v(t) | {run.Law}(t))")],
                "relative Fisher information I(v | u) of (5.6)", "I(v | u)", colorOffset: 4));
        return Save(panels, file, rows: panels.Count, columns: 1);
    }

    private static string LiYau(RunFile run, double[] t, string file)
    {
        var series = new (string Path, string Legend)[]
        {
            (Hdf5Layout.DiagnosticsLiYauMargin, "min over the grid of div s + d/(2t)"),
            (LiYauDiscreteMargin, "discrete margin (face differences + 1/(2t))"),
        }.Where(s => run.Has(s.Path)).Select(s => (run.Read(s.Path).Data, s.Legend)).ToList();
        var plot = TimeSeries(run, t, series, $"{run.Name}: Li–Yau margin (≥ 0 by Li–Yau)", "margin", logYIfPositive: false);
        plot.Add.HorizontalLine(0, 1.5f, Colors.Red, LinePattern.Dashed);
        return Save([plot], file, rows: 1, columns: 1);
    }

    private static string Concentration(RunFile run, double[] t, string file)
    {
        var delta = run.Read(Hdf5Layout.DiagnosticsDelta).Data;
        var c = run.Read(Hdf5Layout.DiagnosticsConcentration).Data;
        var exact = run.Has(ConcentrationExact) ? run.Read(ConcentrationExact).Data : null;
        int levels = Math.Min(t.Length, c.Length / Math.Max(1, delta.Length));
        var plot = new Plot();
        FigureStyle.Apply(plot, $"{run.Name}: mass of v(t) within delta of supp u0 (Theorem 3.4)", FigureStyle.TimeLabel,
            "v(t)(U_delta)");
        var tl = t.Take(levels).ToArray();
        var items = new List<LegendItem>();
        for (int j = 0; j < delta.Length; j++)
        {
            double[] Column(double[] m) => Enumerable.Range(0, levels).Select(i => m[i * delta.Length + j]).ToArray();
            var color = FigureStyle.Categorical(j);
            Curves.Line(plot, tl, Column(c), true, false, color, null, LinePattern.Solid, 2.5f);
            items.Add(new LegendItem { LabelText = $"delta = {FigureStyle.Number(delta[j])}", LineColor = color, LineWidth = 2.5f });
            if (exact is not null) Curves.Line(plot, tl, Column(exact), true, false, color, null, LinePattern.Dashed, 1.5f);
        }
        if (exact is not null)
            items.Add(new LegendItem { LabelText = $"{run.Law}(t)(U_delta), exact", LineColor = Colors.Black, LineWidth = 1.5f, LinePattern = LinePattern.Dashed });
        plot.Add.HorizontalLine(1, 1, Colors.Gray, LinePattern.Dotted);
        plot.Axes.SetLimitsY(0, 1.05);
        Curves.TimeAxis(plot, run, tl);
        plot.ShowLegend(items, Alignment.UpperLeft);
        return Save([plot], file, rows: 1, columns: 1);
    }

    /// <summary>Series against log t; a log y axis when every value is positive and they span over two decades.</summary>
    private static Plot TimeSeries(RunFile run, double[] t, IReadOnlyList<(double[] Data, string Legend)> series,
        string title, string yLabel, int colorOffset = 0, bool logYIfPositive = true)
    {
        var finite = series.SelectMany(s => s.Data).Where(double.IsFinite).ToArray();
        bool logY = logYIfPositive && finite.Length > 0 && finite.All(v => v > 0)
                    && Math.Log10(finite.Max() / finite.Min()) > 2;
        var plot = new Plot();
        FigureStyle.Apply(plot, title, FigureStyle.TimeLabel, logY ? yLabel + " (log scale)" : yLabel);
        for (int k = 0; k < series.Count; k++)
            Curves.Line(plot, t, series[k].Data, true, logY, FigureStyle.Categorical(colorOffset + k), series[k].Legend, LinePattern.Solid, 2.5f);
        // room above the curves for the legend in the upper left corner
        double headroom = 0.12 + 0.08 * series.Count;
        if (logY) Curves.LogY(plot, finite.Select(Math.Log10), headroom: headroom);
        else Curves.LinearY(plot, finite.Append(0), headroom);
        Curves.TimeAxis(plot, run, t);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static string Save(IReadOnlyList<Plot> panels, string file, int rows, int columns) =>
        FigureStyle.Save(panels, file, rows, columns, FigureStyle.Width,
            rows <= 2 ? FigureStyle.Height + 200 * (rows - 1) : FigureStyle.Height + 400);
}
