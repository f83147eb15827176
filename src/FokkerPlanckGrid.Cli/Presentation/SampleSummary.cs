using System.Globalization;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Cli.Running;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Presentation;

/// <summary>The table `fpgrid sample` ends with.</summary>
public static class SampleSummary
{
    public static void Write(IAnsiConsole console, SampleSession.Outcome o)
    {
        var c = o.Setup.Case;
        var spec = o.Setup.Spec;
        var run = o.Run;
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(c.Name)}: particles[/]")
            .AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned());
        string start = spec.StartPoints is { } points ? $"{points.Length} given point(s)" : $"v_T ({c.Terminal.Kind})";
        Row(table, "particles", $"{run.Count} from {start}, seed {run.Seed}");
        Row(table, "method", $"{spec.Method}, eps = {F(c.Eps)}");
        bool ou = o.Setup.Ou is not null;
        Row(table, "time", $"T = {F(c.Time.T)} -> t_min = {F(c.Time.TMin)}, {run.Steps} geometric steps" + (ou ? " (OU time)" : ""));
        if (ou)
            Row(table, "forward", "ou: heat sampler at t = (e^(2 tau) - 1)/2, positions divided by e^tau");
        Row(table, "wall time", $"{o.WallSeconds:F2} s (stepping {run.Seconds:F2} s, {o.Threads} threads)");
        Row(table, "particle-steps/s", run.ParticleStepsPerSecond.ToString("0.000e+00", CultureInfo.InvariantCulture));
        if (o.Distances is { } d)
        {
            string what = c.Data is GaussianMixtureSpec ? "distance to nearest mean" : "distance to supp u0";
            string over = d.Measured < run.Count ? $" (over {d.Measured} end points)" : "";
            Row(table, $"{what}: mean / max{over}", $"{F(d.Mean)} / {F(d.Max)}");
            foreach (var (delta, fraction) in d.Within) Row(table, $"fraction within {F(delta)}", fraction.ToString("F4", CultureInfo.InvariantCulture));
            if (ou) Row(table, "sqrt(1 - e^(-2 t_min))", F(Equations.ForwardProcess.OrnsteinUhlenbeck.KernelWidth(c.Time.TMin)));
            else Row(table, "sqrt(2 t_min)", F(Math.Sqrt(2 * c.Time.TMin)));
        }
        if (run.BreakdownLevel is { } b)
            table.AddRow("[red]breakdown[/]", $"[red]a particle became non-finite at level {b}, t = {F(run.Levels[b])}[/]");
        Row(table, "stored", $"{run.StoredCount} trajectories (stride {run.Stride}) at {run.StoredLevels.Length} levels");
        Row(table, "file", o.OutputPath);
        console.Write(table);
        if (o.Mixing is { } mixing)
        {
            WriteMixing(console, mixing, spec.StartPoints is null);
            if (ou) console.MarkupLine("[grey]forward = ou: the shares count X = e^tau Y (heat coordinates) at the heat times t(tau)[/]");
        }
        else if (o.MixingNote is { } note) console.MarkupLine($"[grey]Phi_lambda: {Markup.Escape(note)}[/]");
    }

    /// <summary>
    /// Where the particles went: the critical points of Phi_lambda (minima first, at most 12 rows) with the share of the
    /// end points within each delta of them, near the minima, and outside all; the same shares at T for comparison.
    /// </summary>
    private static void WriteMixing(IAnsiConsole console, Particles.CriticalPointTracker m, bool fromDensity)
    {
        var points = m.Potential.CriticalPoints;
        int last = m.Times.Length - 1;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]critical points of Phi_lambda, lambda = {F(m.Potential.Lambda)}: share of the {m.Totals[last]} end points within delta[/]")
            .AddColumn("point").AddColumn("kind").AddColumn(new TableColumn("Phi").RightAligned());
        foreach (var delta in m.Deltas) table.AddColumn(new TableColumn($"delta = {delta:G3}").RightAligned());
        string Share(double x) => x.ToString("0.0000", CultureInfo.InvariantCulture);
        int shown = Math.Min(points.Count, 12);
        for (int c = 0; c < shown; c++)
            table.AddRow([Markup.Escape($"({string.Join(", ", points[c].X.Select(x => x.ToString("G5", CultureInfo.InvariantCulture)))})"),
                points[c].Kind, points[c].Value.ToString("G5", CultureInfo.InvariantCulture), .. m.Deltas.Select((_, k) => Share(m.Share(last, k, c)))]);
        if (shown < points.Count)
            table.AddRow([$"{points.Count - shown} more", "", "", .. m.Deltas.Select((_, k) =>
                Share(Enumerable.Range(shown, points.Count - shown).Sum(c => m.Share(last, k, c))))]);
        table.AddRow(["[bold]near the minima[/]", "", "", .. m.Deltas.Select((_, k) => Share(m.NearMinima(last, k)))]);
        table.AddRow(["near saddles or maxima", "", "", .. m.Deltas.Select((_, k) => Share(m.NearAny(last, k) - m.NearMinima(last, k)))]);
        table.AddRow(["outside all", "", "", .. m.Deltas.Select((_, k) => Share(m.Share(last, k, m.Columns - 1)))]);
        table.AddRow([Markup.Escape($"near the minima at T = {F(m.Times[0])}"), "", "", .. m.Deltas.Select((_, k) => Share(m.NearMinima(0, k)))]);
        console.Write(table);
        console.MarkupLine(fromDensity
            ? "[grey]Particles drawn from v_T go to local minima (Clarke saddles and maxima attract only starts on a symmetry set).[/]"
            : "[grey]Given start points: those on a symmetry set can end on boundary critical points (saddles, maxima).[/]");
    }

    private static string F(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    private static void Row(Table table, string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
}
