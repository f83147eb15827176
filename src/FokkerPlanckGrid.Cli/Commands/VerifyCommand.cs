using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Cli.Presentation;
using FokkerPlanckGrid.Cli.Running;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Commands;

/// <summary>
/// `fpgrid verify [CASE] [--out FILE.h5] [--json REPORT.json]`: solve and check every applicable theorem; a table
/// (check, measured, bound, margin, PASS/FAIL, detail); exit 1 if any check fails.
/// </summary>
public static class VerifyCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var caseArg = CommonOptions.CaseArgument();
        var outOpt = CommonOptions.Out();
        var setOpt = CommonOptions.Set();
        var threadsOpt = CommonOptions.Threads();
        var jsonOpt = new Option<string?>("--json") { Description = "write the machine-readable report here" };
        var command = new Command("verify", "solve a case and check every applicable theorem of the paper")
        {
            caseArg, outOpt, setOpt, threadsOpt, jsonOpt,
        };
        command.SetAction(parse => Execute(console, error, parse.GetValue(caseArg), parse.GetValue(outOpt),
            parse.GetValue(setOpt) ?? [], parse.GetValue(threadsOpt), parse.GetValue(jsonOpt)));
        return command;
    }

    public static int Execute(IAnsiConsole console, TextWriter error, string? casePath, string? outPath,
        IReadOnlyList<string> sets, int threads, string? jsonPath)
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
        var outcome = RunProgress.Run(console, setup, observers => VerifySession.Execute(setup, observers, threads));
        RunSummary.Write(console, outcome.Run);
        if (outcome.Run.Breakdown is { } b)
        {
            error.WriteLine($"error: {b.Message}; {outcome.Run.OutputPath} holds the run up to step {b.Step - 1}");
            return ExitCodes.Breakdown;
        }
        CheckTable.Write(console, outcome.Checks);
        if (jsonPath is not null) WriteJson(jsonPath, setup.Case.Name, outcome);
        return outcome.Passed ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    private static void WriteJson(string path, string caseName, VerifySession.Outcome outcome)
    {
        var report = new
        {
            @case = caseName,
            checks = outcome.Checks.Select(c => new { name = c.Name, passed = c.Passed, measured = c.Measured, bound = c.Bound, margin = c.Margin, detail = c.Detail }),
            passed = outcome.Passed,
        };
        var options = new JsonSerializerOptions { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(report, options));
        File.Move(tmp, path, overwrite: true);
    }
}
