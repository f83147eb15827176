using FokkerPlanckGrid.Cli.Validation;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Presentation;

/// <summary>The summary `fpgrid validate` ends with: per study its kind, outcomes passed, wall time, result; the failures by name.</summary>
public static class ValidationTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<ValidationSession.Result> results, string reportPath, double seconds)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]fpgrid validate[/]")
            .AddColumn("study").AddColumn("kind").AddColumn("reproduces")
            .AddColumn(new TableColumn("passed").RightAligned()).AddColumn(new TableColumn("time").RightAligned()).AddColumn("result");
        foreach (var r in results)
            table.AddRow(Markup.Escape(r.Plan.Stem), Markup.Escape(r.Plan.Kind.Kind), Markup.Escape(r.Plan.Spec.Reproduces),
                $"{r.Judged.Count(j => j.Passed)}/{r.Judged.Count}", $"{r.Seconds:F1} s", r.Passed ? "[green]PASS[/]" : "[red]FAIL[/]");
        console.Write(table);
        foreach (var r in results)
            foreach (var j in r.Judged.Where(j => !j.Passed))
                console.MarkupLine($"[red]FAIL[/] {Markup.Escape(r.Plan.Stem)}: {Markup.Escape(j.Expectation.Measure)} = " +
                    $"{Markup.Escape(FokkerPlanckGrid.Validation.ExpectationResult.Format(j.Measured))}, expected {Markup.Escape(j.Expected)}: {Markup.Escape(j.Expectation.Says)}");
        int total = results.Sum(r => r.Judged.Count), passed = results.Sum(r => r.Judged.Count(j => j.Passed));
        console.MarkupLine($"{(passed == total ? "[green]" : "[red]")}{passed} of {total} expected outcomes passed[/] in {results.Count} studies, {seconds:F1} s");
        console.MarkupLine($"report: {Markup.Escape(reportPath)}");
    }
}
