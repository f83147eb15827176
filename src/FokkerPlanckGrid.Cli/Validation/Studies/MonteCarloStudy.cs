using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Cli.Running;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.IO.Studies;
using FokkerPlanckGrid.Particles;
using FokkerPlanckGrid.Plotting.Panels;

namespace FokkerPlanckGrid.Cli.Validation.Studies;

/// <summary>
/// `monte-carlo`: the grid's v_h(t_min) against the histogram of particles of the same equation (issue #6, "Monte Carlo
/// against the grid"), with the error budget of <see cref="MonteCarloComparison"/>:
/// D = ||p^ - p||_1 &lt;= grid discretisation + particle time stepping + statistical mu + McDiarmid deviation
/// (probability 1e-3 of a false alarm). Where the exact v(t_min) is known (terminal heat: v = u) the grid term is exact,
/// and the same budget without it bounds the particles against the exact solution, ||p^ - v||_1 &lt;= time + mu +
/// deviation; by the reverse triangle inequality |D - grid| is bounded by the same sum: the particles measure the
/// grid's own error. Elsewhere the grid term is the Richardson estimate (cells and steps halved).
/// Cases: any with particles drawn from v_T (the case's particles block; the coupled half-step run needs an even number
/// of steps). Parameters: `particles` (a count overriding every case's; at toy size divided by the square of the toy factor).
/// </summary>
public sealed class MonteCarloStudy : IStudyKind
{
    public string Kind => "monte-carlo";

    public IReadOnlyList<StudyMeasure> Measures { get; } =
    [
        new("distance_ratio", "max over cases of D / bound: D = ||histogram - v_h(t_min)||_1 on the grid cells, bound = grid + time stepping + mu + deviation"),
        new("exact_ratio", "max over cases with an exact v(t_min) of ||histogram - v(t_min)||_1 / (time stepping + mu + deviation)"),
        new("grid_error_gap_ratio", "max over cases with an exact v(t_min) of |D - ||v_h - v||_1| / (time stepping + mu + deviation): the particles measure the grid's error"),
        new("mass_drift", "max relative change of sum v dx over the grid runs"),
    ];

    public IStudy Prepare(StudySpec spec)
    {
        var p = spec.Parameters;
        p.AllowOnly("particles");
        int? count = p.Has("particles") ? p.Integer("particles", "must be an integer in [100, 10^7]", n => n is >= 100 and <= 10_000_000, 0) : null;
        var cases = new List<Case>();
        for (int i = 0; i < spec.Cases.Count; i++)
        {
            var c = spec.Cases[i].Case;
            if (count is { } n && c.Particles is { } block) c = c with { Particles = block with { Count = n } };
            c = StudyParticles.AtSize(c, spec, stepMultiple: 2);
            var particles = StudyParticles.Require(c, $"cases[{i}]");
            if (particles.StartPoints is not null || c.Score is GridFileScoreSpec || c.Terminal is FileTerminalSpec)
                throw new CaseInputException($"cases[{i}]", spec.Cases[i].Source,
                    "monte-carlo needs particles drawn from v_T, a computed score and a heat or gaussian terminal");
            if (c.Terminal is not HeatTerminalSpec && c.Grid.Cells.Any(n => n % 2 != 0 || n < 16))
                throw new CaseInputException($"cases[{i}]", spec.Cases[i].Source, "the Richardson estimate needs even cell counts >= 16");
            StudyRuns.Build(c);
            ParticleCases.Build(c);
            cases.Add(c);
        }
        return new Prepared(cases);
    }

    private sealed class Prepared(List<Case> cases) : IStudy
    {
        public StudyOutcome Run(StudyContext context)
        {
            var outcome = new StudyOutcome();
            var rows = new List<IReadOnlyList<string>>();
            var panels = new List<Panel>();
            double ratio = 0, exactRatio = double.NegativeInfinity, gap = double.NegativeInfinity, drift = 0;
            foreach (var c in cases)
            {
                context.Progress($"{c.Name}: grid");
                var setup = StudyRuns.Build(c, context.Threads);
                var gridRun = StudyRuns.Run(outcome, $"{c.Name}: grid", setup, [], cancel: context.Cancel);
                drift = Math.Max(drift, gridRun.Levels.RelativeMassDrift());
                context.Progress($"{c.Name}: particles");
                var particles = ParticleCases.Build(c, context.Threads);
                var run = StudyParticles.Run(outcome, $"{c.Name}: particles", particles, context, storedLevels: 2);
                var half = StudyParticles.Run(outcome, $"{c.Name}: particles, half the steps on the same Brownian path", particles, context,
                    storedLevels: 2, coarsen: 2);
                double[]? exact = null, coarse = null;
                if (c.Terminal is HeatTerminalSpec)
                    exact = MonteCarloComparison.CellMasses(setup.Grid, CellAverages.Of(setup.Data, setup.Grid, c.Time.TMin));
                else
                {
                    context.Progress($"{c.Name}: grid with cells and steps halved (Richardson)");
                    coarse = ParticleVerification.CoarseMasses(setup, context.Threads);
                }
                var budget = MonteCarloComparison.Budget(setup.Grid, gridRun.Final, run.End, half.End, exact, coarse);
                ratio = Math.Max(ratio, budget.Distance / budget.Bound);
                double rest = budget.Time + budget.Statistical + budget.Deviation;
                if (budget.ExactDistance is { } e)
                {
                    exactRatio = Math.Max(exactRatio, e / rest);
                    gap = Math.Max(gap, Math.Abs(budget.Distance - budget.Grid) / rest);
                }
                rows.Add([c.Name, $"{run.Count}", StudyRuns.Num(budget.Distance), StudyRuns.Num(budget.Grid) + (budget.GridExact ? " (exact)" : " (Richardson)"),
                    StudyRuns.Num(budget.Time), StudyRuns.Num(budget.Statistical), StudyRuns.Num(budget.Deviation), StudyRuns.Num(budget.Bound),
                    StudyRuns.Num(budget.Distance / budget.Bound), budget.ExactDistance is { } x ? StudyRuns.Num(x) : "-"]);
                panels.AddRange(Panels(c, setup.Grid, gridRun.Final, run, exact, budget));
            }
            outcome.Measure("distance_ratio", ratio);
            outcome.Measure("exact_ratio", double.IsNegativeInfinity(exactRatio) ? double.NaN : exactRatio);
            outcome.Measure("grid_error_gap_ratio", double.IsNegativeInfinity(gap) ? double.NaN : gap);
            outcome.Measure("mass_drift", drift);
            outcome.Tables.Add(new ReportTable("Monte Carlo against the grid at t_min: D = ||histogram - v_h||_1 of cell probabilities (particles " +
                "outside the box count in full) and its budget (validation/README.md, \"The statistical error bound\")",
                ["case", "N", "D", "grid error", "time stepping", "mu", "deviation", "bound", "D / bound", "particles vs exact v"], rows));
            outcome.Figures.Add((context.Figure("densities", panels, columns: 3, width: 2200, height: 600 * ((panels.Count + 2) / 3) + 60),
                "One row per case. 1D: the grid's v_h(t_min) (solid), the particles' histogram on the same cells (dots) and, where known, the " +
                "exact v(t_min) = u(t_min) (dashed), on linear and log axes and around the highest peak. 2D: v_h(t_min) and the histogram " +
                "on the same cells (same window), and their x-marginals."));
            return outcome;
        }

        private static IEnumerable<Panel> Panels(Case c, Grid grid, double[] v, ParticleRun run, double[]? exact, MonteCarloBudget b)
        {
            var histogram = CellHistogram.Of(grid, run.End).Probabilities();
            string title = $"{c.Name}: D = {StudyRuns.Num(b.Distance)} <= bound {StudyRuns.Num(b.Bound)}";
            if (grid.Dimension == 1)
            {
                double h = grid.X.H;
                var x = grid.X.Centers();
                var density = histogram.Select(m => m / h).ToArray();
                var curves = new List<Curve> { new(x, v, "grid v_h(t_min)", Paint.Categorical(0), Stroke.Solid, 2.5f) };
                if (exact is not null) curves.Add(new Curve(x, exact.Select(m => m / h).ToArray(), "exact v(t_min) = u(t_min)", Paint.Black, Stroke.Dashed, 1.5f));
                var dots = new PointSet(x, density, $"histogram of {run.Count} particles", Paint.Categorical(1), PointShape.FilledCircle, 3);
                int peak = Array.IndexOf(v, v.Max());
                double half = 12 * Math.Sqrt(2 * c.Time.TMin);
                yield return new Panel(title, "x", "density at t_min") { Curves = curves, Points = [dots], Legend = LegendCorner.UpperRight };
                yield return new Panel($"{c.Name}: log scale (tails)", "x", "density at t_min")
                {
                    LogY = true, Curves = curves, Points = [dots], YRange = (1e-5, 3 * v.Max()), Legend = LegendCorner.None,
                };
                yield return new Panel($"{c.Name}: the highest peak", "x", "density at t_min")
                {
                    Curves = curves, Points = [dots], XRange = (x[peak] - half, x[peak] + half), YRange = (0, 1.25 * Math.Max(v.Max(), density.Max())),
                    Legend = LegendCorner.None,
                };
                yield break;
            }
            int nx = grid.Nx, ny = grid.Ny;
            // the window holding every cell above 1e-3 of the peak, with a margin
            double top = v.Max();
            int i0 = nx, i1 = -1, j0 = ny, j1 = -1;
            for (int i = 0; i < nx; i++)
                for (int j = 0; j < ny; j++)
                    if (v[i * ny + j] >= 1e-3 * top) { i0 = Math.Min(i0, i); i1 = Math.Max(i1, i); j0 = Math.Min(j0, j); j1 = Math.Max(j1, j); }
            int mi = Math.Max(2, (i1 - i0) / 8), mj = Math.Max(2, (j1 - j0) / 8);
            (i0, i1, j0, j1) = (Math.Max(0, i0 - mi), Math.Min(nx - 1, i1 + mi), Math.Max(0, j0 - mj), Math.Min(ny - 1, j1 + mj));
            var window = new GridWindow(grid, i0, i1 + 1, j0, j1 + 1);
            yield return new Panel($"{c.Name}: grid density v_h(t_min)", "x", "y")
            {
                Image = window.Image(window.Cut(v), ""), EqualUnits = true, Legend = LegendCorner.None,
            };
            yield return new Panel($"density of {run.Count} particles on the same cells", "x", "y")
            {
                Image = window.Image(window.Cut(histogram, 1 / grid.CellVolume), ""),
                EqualUnits = true, Legend = LegendCorner.None,
            };
            double[] Marginal(IReadOnlyList<double> masses) =>
                Enumerable.Range(0, nx).Select(i => Enumerable.Range(0, ny).Sum(j => masses[i * ny + j]) / grid.X.H).ToArray();
            var xs = grid.X.Centers();
            var marginals = new List<Curve> { new(xs, Marginal(MonteCarloComparison.CellMasses(grid, v)), "grid v_h", Paint.Categorical(0), Stroke.Solid, 2.5f) };
            if (exact is not null) marginals.Add(new Curve(xs, Marginal(exact), "exact u(t_min)", Paint.Black, Stroke.Dashed, 1.5f));
            yield return new Panel(title, "x", "x-marginal density")
            {
                Curves = marginals,
                Points = [new PointSet(xs, Marginal(histogram), "histogram", Paint.Categorical(1), PointShape.FilledCircle, 3)],
                XRange = (window.X0, window.X1),
                Legend = LegendCorner.UpperRight,
            };
        }
    }
}
