using System.CommandLine;
using System.Diagnostics;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Cli.Presentation;
using FokkerPlanckGrid.Cli.Validation;
using FokkerPlanckGrid.Validation;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Commands;

/// <summary>
/// `fpgrid validate [DIR] [--out DIR] [--size toy|full] [--threads N]`: runs every study under DIR (default
/// validation/: its studies/*.json; or one study file), writes report.md and the figures to the output folder
/// (default output/validation), prints a summary table. Exit 0 if every expected outcome passes, 1 if any fails,
/// 2 for bad input (nothing is written), 3 if a study broke down numerically.
/// </summary>
public static class ValidateCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var dirArg = new Argument<string>("dir")
        {
            Description = "folder of the validation suite (its studies/*.json) or one study file",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "validation",
        };
        var outOpt = new Option<string>("--out")
        {
            Description = "folder for report.md and the figures",
            DefaultValueFactory = _ => Path.Combine("output", "validation"),
        };
        var sizeOpt = new Option<string>("--size")
        {
            Description = "full: the cases as written; toy: cells and steps divided by each study's toy factor (for tests)",
            DefaultValueFactory = _ => "full",
        };
        sizeOpt.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not ("full" or "toy")) result.AddError($"--size = {value}: allowed: full, toy");
        });
        var threadsOpt = CommonOptions.Threads();
        var command = new Command("validate", "run the validation studies (the paper's figures and theorems) and write a report with figures")
        {
            dirArg, outOpt, sizeOpt, threadsOpt,
        };
        command.SetAction(parse => Execute(console, error, parse.GetValue(dirArg) ?? "validation", parse.GetValue(outOpt)!,
            parse.GetValue(sizeOpt) == "toy" ? StudySize.Toy : StudySize.Full, parse.GetValue(threadsOpt)));
        return command;
    }

    public static int Execute(IAnsiConsole console, TextWriter error, string source, string outDir, StudySize size, int threads)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<ValidationSession.Planned> plan;
        try
        {
            plan = ValidationSession.Plan(source, size);
            var full = Path.GetFullPath(outDir);
            if (File.Exists(full)) throw new CaseInputException("--out", outDir, "is a file; must be a folder");
        }
        catch (CaseInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.InputError;
        }
        foreach (var p in plan)
            foreach (var c in p.Spec.Cases)
                foreach (var note in c.Notes)
                    console.MarkupLine($"[grey]note: {Markup.Escape(p.Stem)}: {Markup.Escape(c.Source)}: {Markup.Escape(note)}[/]");
        Directory.CreateDirectory(outDir);
        var results = ValidationProgress.Run(console, plan, p =>
            (report => ValidationSession.Run(p, new StudyContext(size, outDir, p.Stem, threads, report))));
        var path = ValidationReport.Write(outDir, source, size, results, clock.Elapsed.TotalSeconds);
        ValidationTable.Write(console, results, path, clock.Elapsed.TotalSeconds);
        if (results.Any(r => r.Failure is not null))
        {
            foreach (var r in results.Where(r => r.Failure is not null)) error.WriteLine($"error: {r.Plan.Stem}: {r.Failure}");
            return ExitCodes.Breakdown;
        }
        return results.All(r => r.Passed) ? ExitCodes.Success : ExitCodes.CheckFailed;
    }
}
