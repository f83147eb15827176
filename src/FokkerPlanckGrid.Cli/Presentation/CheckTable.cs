using FokkerPlanckGrid.Verification;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Presentation;

/// <summary>The verification table: check, measured, bound, margin, PASS/FAIL, detail.</summary>
public static class CheckTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<CheckResult> checks)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]theorem checks[/]")
            .AddColumn("check").AddColumn(new TableColumn("measured").RightAligned()).AddColumn(new TableColumn("bound").RightAligned())
            .AddColumn(new TableColumn("margin").RightAligned()).AddColumn("result");
        foreach (var c in checks)
            table.AddRow(Markup.Escape(c.Name), Num(c.Measured), Num(c.Bound), Num(c.Margin),
                c.Passed ? "[green]PASS[/]" : "[red]FAIL[/]");
        console.Write(table);
        foreach (var c in checks)
            console.MarkupLine($"[grey]{Markup.Escape(c.Name)}:[/] {Markup.Escape(c.Detail)}");
        int failed = checks.Count(c => !c.Passed);
        console.MarkupLine(failed == 0 ? $"[green]all {checks.Count} checks passed[/]" : $"[red]{failed} of {checks.Count} checks failed[/]");
    }

    private static string Num(double x) => double.IsFinite(x) ? x.ToString("0.####e+00") : x.ToString();
}
