using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Cli.Running;
using FokkerPlanckGrid.Simulations;
using FokkerPlanckGrid.Time;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Presentation;

/// <summary>
/// Runs a solver task and, when it lasts over a second and the terminal is interactive, shows a progress bar
/// (fraction of log(T/t) covered, so adaptive and geometric grids read alike).
/// </summary>
public static class RunProgress
{
    public static T Run<T>(IAnsiConsole console, SolverSetup setup, Func<IReadOnlyList<ISimulationObserver>, T> work)
    {
        var progress = new ProgressObserver();
        var task = Task.Run(() => work([progress]));
        if (task.Wait(TimeSpan.FromSeconds(1)) || !console.Profile.Capabilities.Interactive) return task.GetAwaiter().GetResult();
        double logSpan = Math.Log(setup.Case.Time.T / setup.Case.Time.TMin);
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask(setup.Case.Name, maxValue: 1000);
                while (!task.Wait(100))
                {
                    double t = progress.Time;
                    if (double.IsFinite(t)) bar.Value = 1000 * Math.Log(setup.Case.Time.T / t) / logSpan;
                    bar.Description = $"{setup.Case.Name}  step {progress.Step}{Total(setup)}  t = {t:G4}";
                }
                bar.Value = 1000;
            });
        return task.GetAwaiter().GetResult();
    }

    private static string Total(SolverSetup setup) => setup.Time is GeometricTimeGrid g ? $"/{g.Steps}" : "";
}
