using System.CommandLine;
using FokkerPlanckGrid.Cli.Presentation;
using FokkerPlanckGrid.Cli.Running;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Commands;

/// <summary>`fpgrid run [CASE] [--out FILE.h5] [--set key=value ...]`: solve one case and write its HDF5 file.</summary>
public static class RunCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var options = new CaseCommand();
        var command = options.Create("run", "solve one case; with no CASE, the embedded default");
        command.SetAction(parse =>
        {
            var (casePath, outPath, sets, threads) = options.Read(parse);
            return Execute(console, error, casePath, outPath, sets, threads);
        });
        return command;
    }

    public static int Execute(IAnsiConsole console, TextWriter error, string? casePath, string? outPath,
        IReadOnlyList<string> sets, int threads)
    {
        if (CaseCommand.Prepare(console, error, casePath, outPath, sets, threads) is not { } setup) return ExitCodes.InputError;
        var outcome = RunProgress.Run(console, setup, observers => RunSession.Execute(setup, observers));
        RunSummary.Write(console, outcome);
        return outcome.Breakdown is null ? ExitCodes.Success : CaseCommand.Breakdown(error, outcome);
    }
}
