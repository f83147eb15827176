using System.CommandLine;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Cli.Presentation;
using FokkerPlanckGrid.Cli.Running;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Commands;

/// <summary>`fpgrid run [CASE] [--out FILE.h5] [--set key=value ...]`: solve one case and write its HDF5 file.</summary>
public static class RunCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var caseArg = CommonOptions.CaseArgument();
        var outOpt = CommonOptions.Out();
        var setOpt = CommonOptions.Set();
        var threadsOpt = CommonOptions.Threads();
        var command = new Command("run", "solve one case; with no CASE, the embedded default") { caseArg, outOpt, setOpt, threadsOpt };
        command.SetAction(parse => Execute(console, error, parse.GetValue(caseArg), parse.GetValue(outOpt),
            parse.GetValue(setOpt) ?? [], parse.GetValue(threadsOpt)));
        return command;
    }

    public static int Execute(IAnsiConsole console, TextWriter error, string? casePath, string? outPath,
        IReadOnlyList<string> sets, int threads)
    {
        SolverSetup setup;
        try
        {
            var parsed = CaseInputs.Load(casePath, sets, outPath);
            foreach (var note in parsed.Notes) console.MarkupLine($"[grey]note:[/] {Markup.Escape(note)}");
            setup = RunSession.Prepare(parsed.Case, threads);
        }
        catch (CaseInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.InputError;
        }
        var outcome = RunProgress.Run(console, setup, observers => RunSession.Execute(setup, observers));
        RunSummary.Write(console, outcome);
        if (outcome.Breakdown is { } b)
        {
            error.WriteLine($"error: {b.Message}; {outcome.OutputPath} holds the run up to step {b.Step - 1}");
            return ExitCodes.Breakdown;
        }
        return ExitCodes.Success;
    }
}
