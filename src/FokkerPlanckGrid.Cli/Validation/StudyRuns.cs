using System.Globalization;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.IO.Studies;
using FokkerPlanckGrid.Simulations;
using FokkerPlanckGrid.Validation;

namespace FokkerPlanckGrid.Cli.Validation;

/// <summary>
/// Running a study's cases: the case at the study's size (toy: cells and steps divided by the study's factor, at least
/// 8 cells per axis and 4 steps), solver objects through <see cref="CaseBuilder"/>, the run through
/// <see cref="CheckpointRun"/>, and a line describing it for the report.
/// </summary>
public static class StudyRuns
{
    /// <summary>The case as it runs at the study's size.</summary>
    public static Case AtSize(Case c, StudySpec spec) => spec.Size == StudySize.Toy ? Divided(c, spec.ToyDivide) : c;

    /// <summary>Cells (at least 8 per axis) and steps (at least 4) divided by <paramref name="factor"/>.</summary>
    public static Case Divided(Case c, int factor) => factor <= 1 ? c : c with
    {
        Grid = c.Grid with { Cells = c.Grid.Cells.Select(n => Math.Max(8, n / factor)).ToArray() },
        Time = c.Time with { Steps = Math.Max(4, c.Time.Steps / factor) },
    };

    /// <summary>Builds the solver objects (a <see cref="CaseInputException"/> for what only the numerics can check).</summary>
    public static SolverSetup Build(Case c, int threads = 0) => CaseBuilder.Build(c, threads);

    /// <summary>Runs <paramref name="setup"/> through <paramref name="checkpoints"/> and adds a line to the outcome's runs.</summary>
    public static CheckpointRun.Result Run(StudyOutcome outcome, string label, SolverSetup setup, IReadOnlyList<double> checkpoints,
        IReadOnlyList<ISimulationObserver>? observers = null, IReadOnlyList<double[]>? companions = null, CancellationToken cancel = default)
    {
        var result = CheckpointRun.Execute(setup, checkpoints, observers ?? [], companions, cancel);
        outcome.Runs.Add($"{label}: {Describe(setup.Case)}; {result.Steps} steps, {result.WallSeconds.ToString("F2", CultureInfo.InvariantCulture)} s");
        return result;
    }

    /// <summary>Grid, time grid, eps and scheme of a case in one line.</summary>
    public static string Describe(Case c)
    {
        static string N(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
        string box = string.Join(" x ", c.Grid.Box.Select(b => $"[{N(b[0])}, {N(b[1])}]"));
        string time = c.Time.Spacing == TimeSpacing.Adaptive
            ? $"adaptive steps (Courant {N(c.Time.Courant)})"
            : $"{c.Time.Steps} geometric steps";
        string scheme = (c.Scheme.Transport == TransportKind.ScharfetterGummel ? "Scharfetter-Gummel" : "upwind")
                        + (c.Dimension == 2 ? $", {c.Scheme.Splitting.ToString().ToLowerInvariant()} splitting" : "");
        return $"{string.Join(" x ", c.Grid.Cells)} cells on {box}, {time} from T = {N(c.Time.T)} to t_min = {N(c.Time.TMin)}, " +
               $"eps = {N(c.Eps)}, {scheme}";
    }

    /// <summary>A number for a report table (4 significant digits).</summary>
    public static string Num(double x) => ExpectationResult.Format(x);
}
