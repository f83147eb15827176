using System.CommandLine;
using System.Text.Json;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Cli.Presentation;
using FokkerPlanckGrid.Convergence;
using FokkerPlanckGrid.Simulations;
using Spectre.Console;

namespace FokkerPlanckGrid.Cli.Commands;

/// <summary>
/// `fpgrid converge CASE --levels L [--refine both|space|time] [--json FILE] [--set ...] [--threads N]`: runs the case
/// at L levels (the finest is the case itself, level k has the refined counts divided by 2^(L-1-k)) against its
/// exact solution and prints the relative L1, L2, L-infinity errors at t_min with the observed orders
/// (<see cref="ConvergenceStudy"/>). Writes no HDF5 file.
/// </summary>
public static class ConvergeCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var options = new CaseCommand();
        var levelsOpt = new Option<int>("--levels")
        {
            Description = "number of levels L >= 2; the finest is the case itself, each coarser one halves the refined counts",
            Required = true,
        };
        var refineOpt = new Option<string>("--refine")
        {
            Description = "both: cells and steps x2 per level; space: cells only (time grid of the case); time: steps only (cells of the case)",
            DefaultValueFactory = _ => "both",
        };
        refineOpt.Validators.Add(result =>
        {
            // named here, so that the one error line says which option is wrong
            var value = result.GetValueOrDefault<string>();
            if (RefinementNames.Parse(value) is null) result.AddError($"--refine = {value}: allowed: both, space, time");
        });
        var jsonOpt = new Option<string?>("--json") { Description = "write the errors and orders as JSON here" };
        var mapOpt = new Option<bool>("--map-heat")
        {
            Description = "for a forward = ou case: compare, at each level, the OU solution mapped by the self-similar change of " +
                "variables with a heat-flow run of the corresponding case, instead of the exact solution (refines both)",
        };
        var command = options.Create("converge",
            "refine the grid and/or time step L times against the exact solution (terminal heat, or gaussian with one Dirac); " +
            "prints errors and observed orders; writes no HDF5 file", output: false);
        command.Options.Add(levelsOpt);
        command.Options.Add(refineOpt);
        command.Options.Add(jsonOpt);
        command.Options.Add(mapOpt);
        command.SetAction(parse =>
        {
            var (casePath, _, sets, threads) = options.Read(parse);
            if (parse.GetValue(mapOpt))
                return ExecuteHeatMap(console, error, casePath, sets, threads, parse.GetValue(levelsOpt), parse.GetValue(jsonOpt));
            var refine = RefinementNames.Parse(parse.GetValue(refineOpt)) ?? Refinement.Both;
            return Execute(console, error, casePath, sets, threads, parse.GetValue(levelsOpt), refine, parse.GetValue(jsonOpt));
        });
        return command;
    }

    public static int Execute(IAnsiConsole console, TextWriter error, string? casePath, IReadOnlyList<string> sets,
        int threads, int levels, Refinement refine, string? jsonPath)
    {
        if (CaseCommand.Prepare(console, error, casePath, null, sets, threads) is not { } setup) return ExitCodes.InputError;
        var c = setup.Case;
        int current = 0;
        ConvergenceResult? result = null;
        if (Guarded(error, () => current, () =>
            {
                // everything that can fail on input, before the first level runs
                ExactSolution.For(c);
                ConvergenceStudy.Plan(c, levels, refine);
                result = ConvergenceStudy.Run(c, levels, refine, threads,
                    onLevelStart: (k, _) => current = k,
                    onLevelDone: l => console.MarkupLine(
                        $"[grey]level {current}: cells {string.Join("x", l.Cells)}, steps {l.Steps}, L1 {l.Errors.L1:0.###e+00} ({l.Seconds:F2} s)[/]"));
            }) is { } failed)
            return failed;
        ConvergenceTable.Write(console, result!);
        if (jsonPath is not null) WriteJson(jsonPath, result!);
        return ExitCodes.Success;
    }

    /// <summary>
    /// `--map-heat`: the OU case at L levels against the heat-flow runs of its mapped case
    /// (<see cref="OrnsteinUhlenbeckHeatMap.Study"/>); a table of the distances and orders, and the JSON report.
    /// </summary>
    public static int ExecuteHeatMap(IAnsiConsole console, TextWriter error, string? casePath, IReadOnlyList<string> sets,
        int threads, int levels, string? jsonPath)
    {
        if (CaseCommand.Prepare(console, error, casePath, null, sets, threads) is not { } setup) return ExitCodes.InputError;
        var c = setup.Case;
        int current = 0;
        HeatMapResult? result = null;
        if (Guarded(error, () => current, () =>
            {
                OrnsteinUhlenbeckHeatMap.HeatCase(c);
                ConvergenceStudy.Plan(c, levels, Refinement.Both);
                result = OrnsteinUhlenbeckHeatMap.Study(c, levels, threads, l => console.MarkupLine(
                    $"[grey]level {current++}: OU cells {string.Join("x", l.Cells)}, heat cells {string.Join("x", l.HeatCells)}, " +
                    $"steps {l.Steps}, distance L1 {l.Difference.L1:0.###e+00} ({l.Seconds:F2} s)[/]"));
            }) is { } failed)
            return failed;
        HeatMapTable.Write(console, result!);
        if (jsonPath is not null) WriteHeatMapJson(jsonPath, result!);
        return ExitCodes.Success;
    }

    /// <summary>
    /// Runs a study: bad input is one line and exit 2, a numerical breakdown names the level and exits 3; null when
    /// the study ran through.
    /// </summary>
    private static int? Guarded(TextWriter error, Func<int> level, Action study)
    {
        try
        {
            study();
            return null;
        }
        catch (CaseInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (NumericalBreakdownException e)
        {
            error.WriteLine($"error: level {level()}: {e.Message}");
            return ExitCodes.Breakdown;
        }
    }

    private static void WriteHeatMapJson(string path, HeatMapResult result)
    {
        static object? Norms(ErrorNorms? e) => e is null ? null : new { l1 = Finite(e.L1), l2 = Finite(e.L2), linf = Finite(e.Linf) };
        var report = new
        {
            @case = result.CaseName,
            heat_case = result.HeatCase.Name,
            compared = "the OU solution at t_min mapped by v(y) = a^-d v~(y/a) onto the heat grid, against the heat run at t(t_min); relative to the heat solution's norms",
            levels = result.Levels.Select((l, k) => new
            {
                cells = l.Cells,
                heat_cells = l.HeatCells,
                steps = l.Steps,
                h = l.H,
                distance = Norms(l.Difference),
                pairwise_order_l1 = k == 0 ? null : Finite(result.PairwiseL1[k - 1]),
                ou_error = Norms(l.OuError),
                heat_error = Norms(l.HeatError),
            }),
            orders = Norms(result.Orders),
        };
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>The SPEC.md converge report, plus refine, the exact solution, pairwise and per-snapshot orders.</summary>
    public static void WriteJson(string path, ConvergenceResult result)
    {
        static object Norms(ErrorNorms e) => new { l1 = Finite(e.L1), l2 = Finite(e.L2), linf = Finite(e.Linf) };
        var pairwise = result.PairwiseOrders;
        var report = new
        {
            @case = result.CaseName,
            refine = result.Refine.Name(),
            exact = result.Exact,
            errors_relative_to = "the exact solution's own L1, L2, Linf norm; exact cell averages on each level's grid",
            orders_against = result.ResolutionName,
            levels = result.Levels.Select((l, k) => new
            {
                cells = l.Cells,
                steps = l.Steps,
                h = l.H,
                dt_max = l.DtMax,
                errors = Norms(l.Errors),
                pairwise_orders = k == 0 ? null : Norms(pairwise[k - 1]),
                snapshots = l.Snapshots.Select(s => new { t = s.T, errors = Norms(s.Errors) }),
            }),
            orders = Norms(result.Orders),
            snapshot_orders = result.SnapshotOrders.Select(s => new { t = s.T, orders = Norms(s.Errors) }),
        };
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(tmp, path, overwrite: true);
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;
}
