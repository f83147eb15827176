using FokkerPlanckGrid.Convergence;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Presentation;

/// <summary>
/// The OU-heat map study (`fpgrid converge --map-heat`): per level the OU and heat cells, steps, h, the relative L1/L2/Linf
/// distance between the mapped OU solution and the heat solution at t_min, its pairwise L1 order, and each run's own L1
/// error against its exact solution where known; then the fitted orders.
/// </summary>
public static class HeatMapTable
{
    public static void Write(IAnsiConsole console, HeatMapResult result)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]fpgrid converge {Markup.Escape(result.CaseName)} --map-heat[/] (against {Markup.Escape(result.HeatCase.Name)})");
        foreach (var name in new[] { "level", "OU cells", "heat cells", "steps" }) table.AddColumn(name);
        foreach (var name in new[] { "h", "L1", "L2", "Linf", "p L1", "OU err L1", "heat err L1" })
            table.AddColumn(new TableColumn(name).RightAligned());
        var pairwise = result.PairwiseL1;
        for (int k = 0; k < result.Levels.Count; k++)
        {
            var l = result.Levels[k];
            table.AddRow(k.ToString(), string.Join("x", l.Cells), string.Join("x", l.HeatCells), l.Steps.ToString(), Sci(l.H),
                Sci(l.Difference.L1), Sci(l.Difference.L2), Sci(l.Difference.Linf), k == 0 ? "" : Order(pairwise[k - 1]),
                l.OuError is { } ou ? Sci(ou.L1) : "n/a", l.HeatError is { } heat ? Sci(heat.L1) : "n/a");
        }
        console.Write(table);
        var o = result.Orders;
        console.MarkupLine($"fitted orders of the distance (least squares against log h): L1 [bold]{Order(o.L1)}[/], " +
            $"L2 [bold]{Order(o.L2)}[/], Linf [bold]{Order(o.Linf)}[/]");
        var h = result.HeatCase;
        console.MarkupLine($"[grey]distance: the OU solution at t_min mapped by v(y) = a^-d v~(y/a), a = e^t_min, onto the heat grid, " +
            $"against the heat run at t(t_min) = {h.Time.TMin:G6} (heat case: T = {h.Time.T:G6}, box " +
            $"{Markup.Escape(string.Join(" x ", h.Grid.Box.Select(b => $"[{b[0]:G4}, {b[1]:G4}]")))}); relative to the heat solution's norms[/]");
    }

    private static string Sci(double x) => double.IsFinite(x) ? x.ToString("0.00e+00") : x.ToString();

    private static string Order(double x) => double.IsFinite(x) ? x.ToString("F2") : "n/a";
}
