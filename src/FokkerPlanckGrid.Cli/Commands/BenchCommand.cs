using System.CommandLine;
using System.Text.Json;
using FokkerPlanckGrid.Cli.Running;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Commands;

/// <summary>
/// `fpgrid bench [--json FILE] [--threads N] [--quick]`: throughput of the time step on the standard grids
/// (cells*steps/s, min and median over repeats), and allocated bytes per step. Run it on a quiet machine.
/// </summary>
public static class BenchCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var jsonOpt = new Option<string?>("--json") { Description = "write the results as JSON here" };
        var threadsOpt = new Option<int>("--threads") { Description = "only this thread count (default: 1 and all cores)" };
        var quickOpt = new Option<bool>("--quick") { Description = "256^2, 1024^2, 2048^2 with K = 2 at all cores, the 1D run and 10^5 particles (under a minute)" };
        var command = new Command("bench", "throughput of the time step on standard grids, cells*steps/s") { jsonOpt, threadsOpt, quickOpt };
        command.SetAction(parse => Execute(console, parse.GetValue(jsonOpt), parse.GetValue(threadsOpt), parse.GetValue(quickOpt)));
        return command;
    }

    public static int Execute(IAnsiConsole console, string? jsonPath, int threads, bool quick)
    {
        int cores = Environment.ProcessorCount;
        int[] threadCounts = threads > 0 ? [threads] : quick ? [cores] : cores > 1 ? [1, cores] : [1];
        var plan = new List<Func<Benchmarks.Result>>
        {
            () => Benchmarks.Run1D(4096, 200, quick ? 3 : 5),
        };
        int[] sizes = [256, 1024, 2048];
        int[] points = quick ? [2] : [2, 10];
        foreach (int k in points)
            foreach (int n in sizes)
                foreach (int th in threadCounts)
                {
                    // about a quarter of a second per repeat at 2 threads and K = 2, as the C kernel's MINTIME
                    int steps = n <= 256 ? 100 : n <= 1024 ? 60 : 16;
                    plan.Add(() => Benchmarks.SplitStep(n, k, th, steps, 5));
                }
        if (!quick) plan.Add(() => Benchmarks.SplitStep(256, 2, cores, 3, 3, Cases.SplittingKind.None));
        foreach (int th in threadCounts)
            plan.Add(quick ? () => Benchmarks.Particles(100_000, 100, th, 2) : () => Benchmarks.Particles(1_000_000, 400, th, 3));

        console.MarkupLine($"[grey]machine: {cores} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average {LoadAverage()}[/]");
        var results = new List<Benchmarks.Result>();
        // redrawn between measurements only: an auto-refreshing bar draws (and allocates) on its own thread while the
        // timed loops run, taking a core from them and bytes into their allocation count
        console.Progress().AutoRefresh(false).Start(ctx =>
        {
            var task = ctx.AddTask("benchmarks", maxValue: plan.Count);
            ctx.Refresh();
            foreach (var run in plan)
            {
                results.Add(run());
                task.Increment(1);
                ctx.Refresh();
            }
        });
        Write(console, results);
        if (jsonPath is not null) WriteJson(jsonPath, cores, results);
        return ExitCodes.Success;
    }

    private static void Write(IAnsiConsole console, IReadOnlyList<Benchmarks.Result> results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]fpgrid bench[/]")
            .AddColumns("name", "cells", "threads", "K", "steps")
            .AddColumn(new TableColumn("ms/step best").RightAligned()).AddColumn(new TableColumn("median").RightAligned())
            .AddColumn(new TableColumn("Mcells*steps/s best").RightAligned()).AddColumn(new TableColumn("median").RightAligned())
            .AddColumn(new TableColumn("bytes/step").RightAligned());
        foreach (var r in results)
            table.AddRow(r.Name, string.Join("x", r.Cells), r.Threads.ToString(), r.ScorePoints.ToString(), r.Steps.ToString(),
                $"{r.BestSecondsPerStep * 1e3:F3}", $"{r.MedianSecondsPerStep * 1e3:F3}",
                $"{r.BestCellsStepsPerSecond / 1e6:F1}", $"{r.MedianCellsStepsPerSecond / 1e6:F1}", $"{r.AllocatedBytesPerStep:F0}");
        console.Write(table);
        foreach (var p in results.Where(r => r.Name == "particles"))
            console.MarkupLine($"particles: {p.Cells[0]} particles of the K = 10 2D mixture through {p.Steps} exact-mean-shift steps (eps = 0.2) " +
                $"in {p.BestSecondsPerStep * p.Steps:F2} s at {p.Threads} thread(s): {p.BestCellsStepsPerSecond:0.00e+00} particle-steps/s (best)");
        var run1D = results.FirstOrDefault(r => r.Name == "1d-run");
        if (run1D is not null)
            console.MarkupLine($"1D P1 run (N = 4096, K = {run1D.Steps}): {run1D.BestSecondsPerStep * run1D.Steps * 1e3:F1} ms of stepping (best)");
    }

    private static void WriteJson(string path, int cores, IReadOnlyList<Benchmarks.Result> results)
    {
        var rows = results.Select(r => r.Name == "particles"
            ? new
            {
                name = r.Name, particles = r.Cells[0], threads = r.Threads, score_points = r.ScorePoints, steps = r.Steps,
                particle_steps_per_s = r.BestCellsStepsPerSecond, particle_steps_per_s_median = r.MedianCellsStepsPerSecond,
                seconds = r.BestSecondsPerStep * r.Steps, allocated_bytes_per_step = r.AllocatedBytesPerStep,
            }
            : r.Name == "1d-run"
            ? (object)new
            {
                name = r.Name, cells = r.Cells, threads = r.Threads, score_points = r.ScorePoints,
                seconds = r.BestSecondsPerStep * r.Steps, seconds_median = r.MedianSecondsPerStep * r.Steps,
                cells_steps_per_s = r.BestCellsStepsPerSecond, allocated_bytes_per_step = r.AllocatedBytesPerStep,
            }
            : new
            {
                name = r.Name, cells = r.Cells, threads = r.Threads, score_points = r.ScorePoints,
                cells_steps_per_s = r.BestCellsStepsPerSecond, cells_steps_per_s_median = r.MedianCellsStepsPerSecond,
                seconds_per_step = r.BestSecondsPerStep, allocated_bytes_per_step = r.AllocatedBytesPerStep,
            });
        var report = new { machine = new { cores, os = Environment.OSVersion.ToString(), load_average = LoadAverage() }, results = rows };
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "n/a"; }
        catch (UnauthorizedAccessException) { return "n/a"; }
    }
}
