using FokkerPlanckGrid.Particles;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Presentation;

/// <summary>A progress bar over the particles finished, when the run lasts over a second and the terminal is interactive.</summary>
public static class SampleProgress
{
    public static T Run<T>(IAnsiConsole console, string name, long total, Func<ParticleProgress, T> work)
    {
        var progress = new ParticleProgress();
        var task = Task.Run(() => work(progress));
        if (task.Wait(TimeSpan.FromSeconds(1)) || !console.Profile.Capabilities.Interactive) return task.GetAwaiter().GetResult();
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask(name, maxValue: total);
                while (!task.Wait(100))
                {
                    bar.Value = progress.Done;
                    bar.Description = $"{name}  {progress.Done}/{total} particles";
                }
                bar.Value = total;
            });
        return task.GetAwaiter().GetResult();
    }
}
