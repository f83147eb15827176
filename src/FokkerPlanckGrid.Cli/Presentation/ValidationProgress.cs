using FokkerPlanckGrid.Cli.Validation;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Presentation;

/// <summary>
/// Runs the studies one after the other: on an interactive terminal under a progress bar (one task per study, its
/// description the study's current step), otherwise with a line per study and per step.
/// </summary>
public static class ValidationProgress
{
    public static List<ValidationSession.Result> Run(IAnsiConsole console, IReadOnlyList<ValidationSession.Planned> plan,
        Func<ValidationSession.Planned, Func<Action<string>, ValidationSession.Result>> study)
    {
        var results = new List<ValidationSession.Result>();
        if (!console.Profile.Capabilities.Interactive)
        {
            for (int i = 0; i < plan.Count; i++)
            {
                var p = plan[i];
                console.MarkupLine($"[bold]{i + 1}/{plan.Count}[/] {Markup.Escape(p.Stem)} ({Markup.Escape(p.Kind.Kind)}): {Markup.Escape(p.Spec.Title)}");
                var r = study(p)(message => console.MarkupLine($"[grey]  {Markup.Escape(message)}[/]"));
                console.MarkupLine($"  {(r.Passed ? "[green]PASS[/]" : "[red]FAIL[/]")} {r.Judged.Count(j => j.Passed)} of {r.Judged.Count} in {r.Seconds:F1} s");
                results.Add(r);
            }
            return results;
        }
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var tasks = plan.Select(p => ctx.AddTask(Markup.Escape(p.Stem), autoStart: false, maxValue: 1)).ToArray();
                for (int i = 0; i < plan.Count; i++)
                {
                    var task = tasks[i];
                    task.StartTask();
                    var r = study(plan[i])(message => task.Description = Markup.Escape($"{plan[i].Stem}: {message}"));
                    task.Description = $"{Markup.Escape(plan[i].Stem)}: {(r.Passed ? "[green]PASS[/]" : "[red]FAIL[/]")}";
                    task.Value = 1;
                    task.StopTask();
                    results.Add(r);
                }
            });
        return results;
    }
}
