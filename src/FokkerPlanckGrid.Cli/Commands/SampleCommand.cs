using System.CommandLine;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Cli.Presentation;
using FokkerPlanckGrid.Cli.Running;
using FokkerPlanckGrid.Particles;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Commands;

/// <summary>
/// `fpgrid sample [CASE] [--particles N] [--seed S] [--out FILE.h5] [--set key=value ...] [--threads N]`: particles
/// along the generative SDE / ODE with the case's score, from v_T (or given points) down to t_min; trajectories and
/// end points to HDF5 (SPEC `/particles`). The `particles` block of the case (defaults if it has none) sets the
/// method, steps and stored levels; --particles and --seed override its count and seed. The file defaults to
/// output.path with "-particles" before the extension.
/// </summary>
public static class SampleCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var caseArg = CommonOptions.CaseArgument();
        var outOpt = new Option<string?>("--out") { Description = "HDF5 output path (default: output.path with -particles)" };
        var setOpt = CommonOptions.Set();
        var threadsOpt = CommonOptions.Threads();
        var countOpt = new Option<int?>("--particles") { Description = "number of particles (overrides particles.count)" };
        var seedOpt = new Option<int?>("--seed") { Description = "random seed (overrides particles.seed)" };
        var command = new Command("sample", "ODE/SDE particle generation from the case's score; trajectories and end points to HDF5")
        {
            caseArg, countOpt, seedOpt, outOpt, setOpt, threadsOpt,
        };
        command.SetAction(parse => Execute(console, error, parse.GetValue(caseArg), parse.GetValue(outOpt), parse.GetValue(setOpt) ?? [],
            parse.GetValue(threadsOpt), parse.GetValue(countOpt), parse.GetValue(seedOpt)));
        return command;
    }

    public static int Execute(IAnsiConsole console, TextWriter error, string? casePath, string? outPath, IReadOnlyList<string> sets,
        int threads, int? count, int? seed)
    {
        ParticleSetup setup;
        string path;
        try
        {
            var all = sets.ToList();
            if (count is { } n) all.Add($"particles.count={n}");
            if (seed is { } s) all.Add($"particles.seed={s}");
            var parsed = CaseInputs.Load(casePath, all, null);
            if (parsed.Case.Particles is null) parsed = CaseInputs.Load(casePath, ["particles={}", .. all], null);
            foreach (var note in parsed.Notes) console.MarkupLine($"[grey]note:[/] {Markup.Escape(note)}");
            path = outPath ?? SampleSession.DefaultPath(parsed.Case.Output.Path);
            CaseInputs.CheckOutputPath(path);
            setup = ParticleCases.Build(parsed.Case, threads);
        }
        catch (CaseInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.InputError;
        }
        var outcome = SampleProgress.Run(console, setup.Case.Name, setup.Spec.Count,
            progress => SampleSession.Execute(setup, path, threads, progress));
        SampleSummary.Write(console, outcome);
        if (outcome.Run.BreakdownLevel is { } level)
        {
            error.WriteLine($"error: a particle became non-finite at level {level} (t = {outcome.Run.Levels[level]:G6}); " +
                $"{outcome.OutputPath} holds the stored levels before it");
            return ExitCodes.Breakdown;
        }
        return ExitCodes.Success;
    }
}
