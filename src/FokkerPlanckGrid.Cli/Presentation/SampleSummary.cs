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
        Row(table, "time", $"T = {F(c.Time.T)} -> t_min = {F(c.Time.TMin)}, {run.Steps} geometric steps");
        Row(table, "wall time", $"{o.WallSeconds:F2} s (stepping {run.Seconds:F2} s, {o.Threads} threads)");
        Row(table, "particle-steps/s", run.ParticleStepsPerSecond.ToString("0.000e+00", CultureInfo.InvariantCulture));
        if (o.Distances is { } d)
        {
            string what = c.Data is GaussianMixtureSpec ? "distance to nearest mean" : "distance to supp u0";
            string over = d.Measured < run.Count ? $" (over {d.Measured} end points)" : "";
            Row(table, $"{what}: mean / max{over}", $"{F(d.Mean)} / {F(d.Max)}");
            foreach (var (delta, fraction) in d.Within) Row(table, $"fraction within {F(delta)}", fraction.ToString("F4", CultureInfo.InvariantCulture));
            Row(table, "sqrt(2 t_min)", F(Math.Sqrt(2 * c.Time.TMin)));
        }
        if (run.BreakdownLevel is { } b)
            table.AddRow("[red]breakdown[/]", $"[red]a particle became non-finite at level {b}, t = {F(run.Levels[b])}[/]");
        Row(table, "stored", $"{run.StoredCount} trajectories (stride {run.Stride}) at {run.StoredLevels.Length} levels");
        Row(table, "file", o.OutputPath);
        console.Write(table);
    }

    private static string F(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    private static void Row(Table table, string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
}
