using FokkerPlanckGrid.Cli.Running;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Presentation;

/// <summary>The table every run ends with.</summary>
public static class RunSummary
{
    public static void Write(IAnsiConsole console, RunOutcome o)
    {
        var c = o.Setup.Case;
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(c.Name)}[/]")
            .AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned());
        var levels = o.Levels;
        int steps = o.Result?.Steps ?? Math.Max(0, levels.Count - 1);
        string grid = string.Join(" x ", c.Grid.Cells);
        Row(table, "grid", $"{grid} cells on {string.Join(" x ", c.Grid.Box.Select(b => $"[{b[0]:G4}, {b[1]:G4}]"))}");
        Row(table, "scheme", $"{Describe(c)}, eps = {c.Eps:G4}");
        Row(table, "time", $"T = {c.Time.T:G4} -> t_min = {c.Time.TMin:G4}, {steps} steps" +
            (o.Result is { RejectedSteps: > 0 } r ? $" ({r.RejectedSteps} retried)" : ""));
        Row(table, "wall time", $"{o.WallSeconds:F2} s");
        if (o.Result is { } res)
        {
            Row(table, "stepping", $"{res.StepSeconds:F3} s ({res.StepSeconds / Math.Max(1, res.Steps) * 1e3:F3} ms/step)");
            Row(table, "cells*steps/s", $"{res.CellStepsPerSecond:0.000e+00}");
        }
        if (levels.Count > 0)
        {
            Row(table, "mass drift (relative)", $"{levels.RelativeMassDrift():0.00e+00}");
            Row(table, "min v", $"{levels.MinOverRun():0.000e+00}");
            Row(table, "max Courant number", $"{levels.Courant.Max():G4}");
        }
        if (o.RelativeL1 is { } err) Row(table, "rel. L1 error vs u(t_min)", $"{err:0.0000e+00}");
        if (o.TerminalOutsideBox is { } outside) Row(table, "v_T mass outside box", $"{outside:0.00e+00}");
        Row(table, "u(T) mass outside box", $"{o.HeatOutsideBox:0.00e+00}");
        if (o.ResolutionTime is { } tr)
            table.AddRow("[yellow]resolution[/]", $"[yellow]sqrt(2t) < 3 cells below t = {tr:G3}[/]");
        if (o.Breakdown is { } b) table.AddRow("[red]breakdown[/]", $"[red]step {b.Step}, t = {b.Time:G6}[/]");
        Row(table, "file", o.OutputPath);
        console.Write(table);
        if (o.Mixing is { } mixing) WriteMixing(console, mixing);
        else if (o.MixingNote is { } note) console.MarkupLine($"[grey]Phi_lambda: {Markup.Escape(note)}[/]");
    }

    /// <summary>
    /// Where the mixed dynamics took the mass: the critical points of Phi_lambda (minima first, at most 12 rows) with the
    /// share of v(t_min) within each delta of them, and outside all.
    /// </summary>
    private static void WriteMixing(IAnsiConsole console, Verification.MixingTracker m)
    {
        if (m.Shares.Count == 0) return;
        var points = m.Potential.CriticalPoints;
        var row = m.Shares[^1];
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]critical points of Phi_lambda, lambda = {m.Potential.Lambda:G4}: mass of v(t_min) within delta[/]")
            .AddColumn("point").AddColumn("kind").AddColumn(new TableColumn("Phi").RightAligned());
        foreach (var delta in m.Deltas) table.AddColumn(new TableColumn($"delta = {delta:G3}").RightAligned());
        int shown = Math.Min(points.Count, 12);
        for (int c = 0; c < shown; c++)
            table.AddRow([Markup.Escape($"({string.Join(", ", points[c].X.Select(x => x.ToString("G5")))})"), points[c].Kind,
                points[c].Value.ToString("G5"), .. m.Deltas.Select((_, k) => row[k * m.Columns + c].ToString("0.0000"))]);
        if (shown < points.Count)
            table.AddRow([$"{points.Count - shown} more", "", "", .. m.Deltas.Select((_, k) =>
                Enumerable.Range(shown, points.Count - shown).Sum(c => row[k * m.Columns + c]).ToString("0.0000"))]);
        table.AddRow(["[bold]near the minima[/]", "", "", .. m.Deltas.Select((_, k) => m.NearMinima(m.Shares.Count - 1, k).ToString("0.0000"))]);
        table.AddRow(["outside all", "", "", .. m.Deltas.Select((_, k) => row[k * m.Columns + m.Columns - 1].ToString("0.0000"))]);
        console.Write(table);
    }

    private static string Describe(Cases.Case c) =>
        $"{(c.Scheme.Transport == Cases.TransportKind.Upwind ? "upwind" : "Scharfetter-Gummel")}" +
        (c.Dimension == 2 ? $", {c.Scheme.Splitting.ToString().ToLowerInvariant()} splitting" : "");

    private static void Row(Table table, string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
}
