using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
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
        var options = new CaseCommand();
        var jsonOpt = new Option<string?>("--json") { Description = "write the machine-readable report here" };
        var command = options.Create("verify", "solve a case and check every applicable theorem of the paper");
        command.Options.Add(jsonOpt);
        command.SetAction(parse =>
        {
            var (casePath, outPath, sets, threads) = options.Read(parse);
            return Execute(console, error, casePath, outPath, sets, threads, parse.GetValue(jsonOpt));
        });
        return command;
    }

    public static int Execute(IAnsiConsole console, TextWriter error, string? casePath, string? outPath,
        IReadOnlyList<string> sets, int threads, string? jsonPath)
    {
        if (CaseCommand.Prepare(console, error, casePath, outPath, sets, threads) is not { } setup) return ExitCodes.InputError;
        var outcome = RunProgress.Run(console, setup, observers => VerifySession.Execute(setup, observers, threads));
        RunSummary.Write(console, outcome.Run);
        if (outcome.Run.Breakdown is not null) return CaseCommand.Breakdown(error, outcome.Run);
        CheckTable.Write(console, outcome.Checks);
        foreach (var note in outcome.Notes) console.MarkupLine($"[grey]note:[/] {Markup.Escape(note)}");
        if (jsonPath is not null) WriteJson(jsonPath, setup.Case.Name, outcome);
        return outcome.Passed ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    private static void WriteJson(string path, string caseName, VerifySession.Outcome outcome)
    {
        var report = new
        {
            @case = caseName,
            checks = outcome.Checks.Select(c => new
            {
                name = c.Name, passed = c.Passed, guaranteed = c.Guaranteed, measured = c.Measured, bound = c.Bound, margin = c.Margin,
                detail = c.Detail,
            }),
            passed = outcome.Passed,
            notes = outcome.Notes,
        };
        var options = new JsonSerializerOptions { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(report, options));
        File.Move(tmp, path, overwrite: true);
    }
}
