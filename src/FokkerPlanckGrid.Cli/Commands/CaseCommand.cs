using System.CommandLine;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Cli.Running;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Commands;

/// <summary>What the commands that solve a case share: their arguments, loading the case, and the error paths.</summary>
public sealed class CaseCommand
{
    private readonly Argument<string?> _case = CommonOptions.CaseArgument();
    private readonly Option<string?> _out = CommonOptions.Out();
    private readonly Option<string[]> _set = CommonOptions.Set();
    private readonly Option<int> _threads = CommonOptions.Threads();

    /// <summary>A command with the case argument and the --out (unless <paramref name="output"/> is false), --set and --threads options.</summary>
    public Command Create(string name, string description, bool output = true)
    {
        var command = new Command(name, description);
        command.Arguments.Add(_case);
        if (output) command.Options.Add(_out);
        command.Options.Add(_set);
        command.Options.Add(_threads);
        return command;
    }

    /// <summary>The parsed case arguments.</summary>
    public (string? Case, string? Out, IReadOnlyList<string> Sets, int Threads) Read(ParseResult parse) =>
        (parse.GetValue(_case), parse.GetValue(_out), parse.GetValue(_set) ?? [], parse.GetValue(_threads));

    /// <summary>Loads and builds the case; on bad input writes one line and returns null (the caller exits 2).</summary>
    public static SolverSetup? Prepare(IAnsiConsole console, TextWriter error, string? casePath, string? outPath,
        IReadOnlyList<string> sets, int threads)
    {
        try
        {
            var parsed = CaseInputs.Load(casePath, sets, outPath);
            foreach (var note in parsed.Notes) console.MarkupLine($"[grey]note:[/] {Markup.Escape(note)}");
            return RunSession.Prepare(parsed.Case, threads);
        }
        catch (CaseInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return null;
        }
    }

    /// <summary>Reports a breakdown (exit 3) after the summary has been printed.</summary>
    public static int Breakdown(TextWriter error, RunOutcome outcome)
    {
        var b = outcome.Breakdown!;
        error.WriteLine($"error: {b.Message}; {outcome.OutputPath} holds the run up to step {b.Step - 1}");
        return ExitCodes.Breakdown;
    }
}
