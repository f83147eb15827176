using System.CommandLine;
using FokkerPlanckGrid.Cli.Commands;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli;

/// <summary>`fpgrid`: the table of contents. Each command lives in its own file under Commands/.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, AnsiConsole.Console, Console.Error);

    /// <summary>Runs the command line with the given console (tests pass a recording one).</summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error)
    {
        var root = new RootCommand("FokkerPlanckGrid: finite-volume solver of the backward Fokker-Planck equation of score-based diffusion models")
        {
            RunCommand.Create(console, error),
            VerifyCommand.Create(console, error),
            ConvergeCommand.Create(console, error),
            SampleCommand.Create(console, error),
            BenchCommand.Create(console, error),
            PlotCommand.Create(console, error),
            ValidateCommand.Create(console, error),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // all of them, on one line: with `run --bogus 1` the first is about "1", the one that matters about --bogus
            error.WriteLine($"error: {string.Join("; ", parse.Errors.Select(e => e.Message.ReplaceLineEndings(" ").TrimEnd('.')))} (see fpgrid --help)");
            return ExitCodes.InputError;
        }
        return parse.Invoke();
    }
}
