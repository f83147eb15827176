using FokkerPlanckGrid.Verification;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Presentation;

/// <summary>
/// The verification table: check, measured, bound, margin, PASS/FAIL, detail. A check theory does not guarantee for the
/// case is shown as "held" or "VIOLATED" with "(not guaranteed)", in yellow, and does not count as a failure.
/// </summary>
public static class CheckTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<CheckResult> checks)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]theorem checks[/]")
            .AddColumn("check").AddColumn(new TableColumn("measured").RightAligned()).AddColumn(new TableColumn("bound").RightAligned())
            .AddColumn(new TableColumn("margin").RightAligned()).AddColumn("result");
        foreach (var c in checks)
            table.AddRow(Markup.Escape(c.Name), Num(c.Measured), Num(c.Bound), Num(c.Margin),
                !c.Guaranteed ? (c.Passed ? "[yellow]held (not guaranteed)[/]" : "[yellow]VIOLATED (not guaranteed)[/]")
                : c.Passed ? "[green]PASS[/]" : "[red]FAIL[/]");
        console.Write(table);
        foreach (var c in checks)
            console.MarkupLine($"[grey]{Markup.Escape(c.Name)}:[/] {Markup.Escape(c.Detail)}");
        int failed = checks.Count(c => c.Failed), open = checks.Count(c => !c.Guaranteed), violated = checks.Count(c => !c.Guaranteed && !c.Passed);
        int guaranteed = checks.Count - open;
        string what = open == 0 ? "checks" : "guaranteed checks";
        console.MarkupLine(failed == 0 ? $"[green]all {guaranteed} {what} passed[/]" : $"[red]{failed} of {guaranteed} {what} failed[/]");
        if (open > 0)
            console.MarkupLine($"[yellow]{open} checks not guaranteed for this case (measured): {violated} violated, {open - violated} held[/]");
    }

    private static string Num(double x) => double.IsFinite(x) ? x.ToString("0.####e+00") : x.ToString();
}
