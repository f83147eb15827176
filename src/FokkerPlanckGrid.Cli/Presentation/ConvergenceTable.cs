using FokkerPlanckGrid.Convergence;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Presentation;

/// <summary>
/// The convergence table: level, cells, steps, h, dtau_max, relative L1/L2/Linf errors at t_min and the pairwise
/// orders p against the previous level (log(e_prev/e)/log(h_prev/h)); then the fitted orders, and the fitted L1 order at each snapshot time.
/// </summary>
public static class ConvergenceTable
{
    public static void Write(IAnsiConsole console, ConvergenceResult result)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]fpgrid converge {Markup.Escape(result.CaseName)}[/] (refine {result.Refine.Name()})");
        // about 100 columns wide: a narrower console wraps the numbers
        string[] left = ["level", "cells", "steps"];
        string[] right = ["h", "dt_max", "L1", "L2", "Linf", "p L1", "p L2", "p Linf"];
        foreach (var name in left) table.AddColumn(new TableColumn(name));
        foreach (var name in right) table.AddColumn(new TableColumn(name).RightAligned());
        var pairwise = result.PairwiseOrders;
        for (int k = 0; k < result.Levels.Count; k++)
        {
            var l = result.Levels[k];
            var p = k == 0 ? null : pairwise[k - 1];
            table.AddRow(k.ToString(), string.Join("x", l.Cells), l.Steps.ToString(), Sci(l.H), Sci(l.DtMax),
                Sci(l.Errors.L1), Sci(l.Errors.L2), Sci(l.Errors.Linf),
                p is null ? "" : Order(p.L1), p is null ? "" : Order(p.L2), p is null ? "" : Order(p.Linf));
        }
        console.Write(table);
        console.MarkupLine($"[grey]p: pairwise order against the previous level, log(e_prev / e) / log({result.ResolutionName}_prev / {result.ResolutionName})[/]");
        var o = result.Orders;
        console.MarkupLine($"fitted orders (least squares of log error against log {result.ResolutionName}): " +
            $"L1 [bold]{Order(o.L1)}[/], L2 [bold]{Order(o.L2)}[/], Linf [bold]{Order(o.Linf)}[/]");
        var snapshots = result.SnapshotOrders;
        if (snapshots.Count > 1)
            console.MarkupLine("[grey]fitted L1 order by time: " +
                string.Join(", ", snapshots.Select(s => $"t = {s.T:G3}: {Order(s.Errors.L1)}")) + "[/]");
        console.MarkupLine($"[grey]errors at t_min relative to the exact solution's own norms; exact: {Markup.Escape(result.Exact)}; " +
            $"exact mass outside the box at t_min {1 - result.Levels[^1].MassInBox:0.##e+00}[/]");
    }

    private static string Sci(double x) => double.IsFinite(x) ? x.ToString("0.00e+00") : x.ToString();

    private static string Order(double x) => double.IsFinite(x) ? x.ToString("F2") : "n/a";
}
