using System.CommandLine;
using FokkerPlanckGrid.Cli.Commands;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli;

/// <summary>`fpgrid`: the table of contents. Each command lives in its own file under Commands/.</summary>
public static class Program
{
    public static int Main(string[] args) =>
        Run(args, StandardConsole(Console.Out, Console.IsOutputRedirected, Environment.GetEnvironmentVariable("COLUMNS")), Console.Error);

    /// <summary>Table width when stdout is not a terminal and COLUMNS is not set.</summary>
    public const int RedirectedWidth = 200;

    /// <summary>
    /// The console `fpgrid` writes its tables to. On a terminal Spectre measures the window. Redirected (a file, a pipe,
    /// a CI log) it would assume 80 columns and wrap wide cells over several lines ("2d-spl / it-ste / p"), so the width
    /// is then <see cref="RedirectedWidth"/>, and no ANSI escape codes or live progress are written. A positive integer
    /// in COLUMNS sets the width in either case.
    /// </summary>
    /// <param name="output">stdout</param>
    /// <param name="redirected">stdout is not a terminal</param>
    /// <param name="columns">the COLUMNS environment variable, or null</param>
    public static IAnsiConsole StandardConsole(TextWriter output, bool redirected, string? columns)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (int.TryParse(columns, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int width) && width > 0)
            console.Profile.Width = width;
        else if (redirected)
            console.Profile.Width = RedirectedWidth;
        return console;
    }

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
