using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.IO.Studies;
using FokkerPlanckGrid.Mixing;
using FokkerPlanckGrid.Particles;
using FokkerPlanckGrid.Plotting.Panels;
using FokkerPlanckGrid.Simulations;
using FokkerPlanckGrid.Verification;

namespace FokkerPlanckGrid.Cli.Validation.Studies;

/// <summary>
/// `mixing`: score mixing and guidance (the follow-up paper; issue #6 item 4). Each case drives the equation with
/// s = lambda s1 + (1 - lambda) s2 of two Dirac data sets S1, S2; as t -&gt; 0 the dynamics follow the Clarke gradient flow
/// of Phi_lambda = lambda d(x, S1)^2 + (1 - lambda) d(x, S2)^2 and settle at its critical points
/// (<see cref="MixingPotential"/>: the c_ij = lambda y_i + (1 - lambda) z_j in their own cells, and the kinks).
/// Per case:
/// <list type="number">
/// <item>the grid run, with the mass near each critical point (<see cref="MixingTracker"/>) and the theorem diagnostics of
///   `fpgrid verify` (<see cref="TheoremTracker"/>, judged by <see cref="TheoremChecks"/>): Li-Yau div s &gt;= -d/(2t) and
///   Theorem 3.1 are guaranteed for lambda in [0, 1] (div s = lambda div s1 + (1 - lambda) div s2, both weights &gt;= 0 and
///   summing to 1) and may fail for lambda &gt; 1 (the weight 1 - lambda &lt; 0 multiplies tr Cov_2 / (4t^2));</item>
/// <item>particles of the same equation (the case's eps) from v_T, against the same critical points
///   (<see cref="CriticalPointTracker"/>): their share near the minima beside the grid's mass there;</item>
/// <item>ODE particles (eps = 0) from v_T: generic starts go to local minima (`mixing_limits_particles`), like sqrt(t)
///   at an interior minimum (`mixing_rate_particles`);</item>
/// <item>2D cases: ODE trajectories from the `symmetricStarts` (points on symmetry sets): they end on Clarke saddles or
///   maxima, which no generic start reaches.</item>
/// </list>
/// Parameters: `particles` (count per run, default 20000), `steps` (particle steps, default 400), `store` (stored levels,
/// default 41), `symmetricStarts` (2D points, default none).
/// </summary>
public sealed class MixingStudy : IStudyKind
{
    public string Kind => "mixing";

    public IReadOnlyList<StudyMeasure> Measures { get; } =
    [
        new("grid_near_minima", "min over cases of the grid's mass within the largest delta of the local minima of Phi_lambda at t_min"),
        new("particles_near_minima", "min over cases of the share of particles (the case's eps, from v_T) within the largest delta of the minima at t_min"),
        new("particle_grid_gap", "max over cases and deltas of |particle share - grid mass| within delta of the minima at t_min"),
        new("ode_near_minima", "min over cases of the share of ODE particles (eps = 0, from v_T) within the largest delta of the minima at t_min"),
        new("ode_near_saddles", "max over cases of the share of ODE particles from v_T within the smallest delta of a saddle or maximum at t_min"),
        new("ode_rate_deviation", "max over cases with an interior minimum of |exponent of the RMS distance of ODE trajectories to it - 1/2| (mixing_rate_particles)"),
        new("symmetric_on_saddles", "share of the ODE trajectories from the symmetric starts that end within the largest delta of a saddle or maximum"),
        new("liyau_margin_mixing", "min over lambda in [0, 1] cases of min over levels and cells of (div s + d/(2t)) / (d/(2 t_min)) (Li-Yau: >= 0)"),
        new("liyau_discrete_mixing", "min over lambda in [0, 1] cases of the discrete Li-Yau margin plus its rounding allowance, over 1/(2 t_min) (>= 0 exactly)"),
        new("lp_ratio_mixing", "max over lambda in [0, 1] cases, p > 1 and levels of ||v(t)||_p over the Theorem 3.1 bound with the time grid's O(dtau) allowance (<= 1)"),
        new("lp_discrete_ratio_mixing", "max over lambda in [0, 1] cases, p > 1 and levels of ||v_n||_p over the discrete L^p bound (<= 1 + 64 n u)"),
        new("liyau_margin_guidance", "max over lambda > 1 cases of min over levels and cells of (div s + d/(2t)) / (d/(2 t_min)) (negative: Li-Yau fails)"),
        new("lp_ratio_guidance", "min over lambda > 1 cases of the max over p > 1 and levels of ||v(t)||_p over the Theorem 3.1 bound with its allowance (> 1: Theorem 3.1 fails)"),
        new("mass_drift", "max relative change of sum v dx over the grid runs"),
    ];

    public IStudy Prepare(StudySpec spec)
    {
        var p = spec.Parameters;
        p.AllowOnly("particles", "steps", "store", "symmetricStarts");
        int count = p.Integer("particles", "must be an integer in [100, 10^7]", n => n is >= 100 and <= 10_000_000, 20_000);
        int steps = p.Integer("steps", "must be an even integer in [8, 10^5]", n => n is >= 8 and <= 100_000 && n % 2 == 0, 400);
        int store = p.Integer("store", "must be an integer >= 2", n => n >= 2, 41);
        var symmetric = p.Points("symmetricStarts", 2, []);
        var cases = new List<(Case Case, MixingPotential Potential)>();
        for (int i = 0; i < spec.Cases.Count; i++)
        {
            var c = spec.Cases[i].Case;
            StudyParticles.RequireHeatFlow(c, $"cases[{i}]");
            if (c.Score is not MixedScoreSpec mixed)
                throw new CaseInputException($"cases[{i}]", spec.Cases[i].Source, "mixing needs a case with score.kind = mixed");
            if (MixingPotential.Of(mixed, out string reason) is not { } potential)
                throw new CaseInputException($"cases[{i}]", spec.Cases[i].Source, reason);
            if (c.Diagnostics.Deltas.Length == 0)
                throw new CaseInputException($"cases[{i}]", spec.Cases[i].Source, "needs diagnostics.deltas (the radii around the critical points)");
            c = c with { Particles = new ParticlesSpec(count, 1, null, "exact-mean-shift", steps, Math.Min(store, steps + 1)) };
            c = StudyParticles.AtSize(c, spec, stepMultiple: 2);
            StudyRuns.Build(c);
            ParticleCases.Build(c);
            cases.Add((c, potential));
        }
        return new Prepared(cases, symmetric);
    }

    /// <summary>What one case produced, for the measures and the figures.</summary>
    private sealed record CaseResult(Case Case, MixingPotential Potential, Grid Grid, double[] Final, MixingTracker GridMixing,
        DiagnosticSeries Series, List<CheckResult> GridChecks, ParticleRun ParticleRun, CriticalPointTracker Particles,
        CriticalPointTracker Ode, List<CheckResult> OdeChecks, ParticleRun OdeRun, ParticleRun? Symmetric);

    private sealed class Prepared(List<(Case Case, MixingPotential Potential)> cases, double[][] symmetric) : IStudy
    {
        public StudyOutcome Run(StudyContext context)
        {
            var outcome = new StudyOutcome();
            var results = cases.Select(x => RunCase(x.Case, x.Potential, outcome, context)).ToList();

            static double Last(CriticalPointTracker t, int k, bool minima) => minima ? t.NearMinima(t.Times.Length - 1, k) : t.NearAny(t.Times.Length - 1, k);
            int Largest(CaseResult r) => r.GridMixing.Deltas.Count - 1;
            double gridNear = results.Min(r => r.GridMixing.NearMinima(r.GridMixing.Time.Count - 1, Largest(r)));
            double particlesNear = results.Min(r => Last(r.Particles, Largest(r), true));
            double gap = results.Max(r => Enumerable.Range(0, r.GridMixing.Deltas.Count)
                .Max(k => Math.Abs(Last(r.Particles, k, true) - r.GridMixing.NearMinima(r.GridMixing.Time.Count - 1, k))));
            double odeNear = results.Min(r => Last(r.Ode, Largest(r), true));
            double odeSaddles = results.Max(r => Last(r.Ode, 0, false) - Last(r.Ode, 0, true));
            var rates = results.Select(r => r.OdeChecks.FirstOrDefault(x => x.Name == "mixing_rate_particles")).OfType<CheckResult>().ToList();
            outcome.Measure("grid_near_minima", gridNear);
            outcome.Measure("particles_near_minima", particlesNear);
            outcome.Measure("particle_grid_gap", gap);
            outcome.Measure("ode_near_minima", odeNear);
            outcome.Measure("ode_near_saddles", odeSaddles);
            outcome.Measure("ode_rate_deviation", rates.Count == 0 ? double.NaN : rates.Max(x => Math.Abs(x.Measured - 0.5)));
            int symmetricTotal = 0, onSaddles = 0;
            foreach (var r in results.Where(r => r.Symmetric is not null))
            {
                var run = r.Symmetric!;
                double radius = r.Ode.Deltas.Max();
                for (int p = 0; p < run.Count; p++)
                {
                    var (k, d) = r.Potential.Nearest([run.EndPoint(p, 0), run.EndPoint(p, 1)]);
                    symmetricTotal++;
                    if (d < radius && !r.Potential.CriticalPoints[k].IsLocalMinimum) onSaddles++;
                }
            }
            outcome.Measure("symmetric_on_saddles", symmetricTotal == 0 ? double.NaN : (double)onSaddles / symmetricTotal);

            double Scaled(CaseResult r, double margin) => margin / (r.Case.Dimension / (2 * r.Case.Time.TMin));
            CheckResult Check(CaseResult r, string name) => r.GridChecks.Single(x => x.Name == name);
            IEnumerable<CheckResult> LpChecks(CaseResult r, string prefix) =>
                r.GridChecks.Where(x => x.Name.StartsWith(prefix, StringComparison.Ordinal) && x.Name != prefix + "1");
            var mixing = results.Where(r => r.Potential.Lambda <= 1).ToList();
            var guidance = results.Where(r => r.Potential.Lambda > 1).ToList();
            double Min(IEnumerable<double> xs) => xs.DefaultIfEmpty(double.NaN).Min();
            double Max(IEnumerable<double> xs) => xs.DefaultIfEmpty(double.NaN).Max();
            outcome.Measure("liyau_margin_mixing", Min(mixing.Select(r => Scaled(r, Check(r, "liyau").Measured))));
            outcome.Measure("liyau_discrete_mixing", Min(mixing.Select(r => Check(r, "liyau_discrete").Margin / (1 / (2 * r.Case.Time.TMin)))));
            outcome.Measure("lp_ratio_mixing", Max(mixing.SelectMany(r => LpChecks(r, "lp_bound_p").Select(x => x.Measured / x.Bound))));
            outcome.Measure("lp_discrete_ratio_mixing", Max(mixing.SelectMany(r => LpChecks(r, "lp_discrete_bound_p").Select(x => x.Measured))));
            outcome.Measure("liyau_margin_guidance", Max(guidance.Select(r => Scaled(r, Check(r, "liyau").Measured))));
            outcome.Measure("lp_ratio_guidance", Min(guidance.Select(r => LpChecks(r, "lp_bound_p").Max(x => x.Measured / x.Bound))));
            outcome.Measure("mass_drift", results.Max(r => r.GridChecks.Single(x => x.Name == "mass").Measured));

            Tables(outcome, results);
            outcome.Figures.Add((context.Figure("limits", results.Select(LimitPanel).ToList(), columns: results.Count,
                    width: 700 * results.Count, height: 720),
                "Where the mass goes, per case: the grid's v(t_min), the data sets S1 and S2, the critical points of Phi_lambda " +
                "(filled: local minima; crosses: saddles or maxima). 1D: the particles' histogram (dots) beside the grid density. " +
                "2D: ODE trajectories from v_T (thin) and from points on the symmetry axes (white), which end on the saddles and the maximum."));
            outcome.Figures.Add((context.Figure("liyau-and-limits", Panels(results), columns: 3, width: 2100, height: 680),
                "Left: the Li-Yau margin min(div s) + d/(2t), relative to d/(2t), against t: >= 0 (exactly 0 far from the data) for " +
                "lambda in [0, 1], negative under guidance. Middle: ||v(t)||_inf / ||v_T||_inf against the Theorem 3.1 bound (T/t)^(d(1+eps)/2) " +
                "(dotted). Right: the share within the largest delta of the minima of Phi_lambda: grid mass (solid), particles of the " +
                "same equation (dots), ODE particles (dashed)."));
            return outcome;
        }

        private CaseResult RunCase(Case c, MixingPotential potential, StudyOutcome outcome, StudyContext context)
        {
            context.Progress($"{c.Name}: grid");
            var setup = StudyRuns.Build(c, context.Threads);
            var deltas = c.Diagnostics.Deltas.Distinct().Order().ToArray();
            var gridMixing = new MixingTracker(setup.Grid, potential, deltas);
            var theorems = new TheoremTracker(setup.Grid, setup.Data, setup.Score, false, c.Eps, c.Time.T, c.Diagnostics.P, deltas, null,
                setup.Equation.Forward);
            var grid = StudyRuns.Run(outcome, $"{c.Name}: grid", setup, [], [gridMixing, theorems], cancel: context.Cancel);
            var inputs = new TheoremChecks.Inputs(setup.Grid.Dimension, c.Eps, c.Time.T, setup.Grid.Axes.Max(a => a.H), setup.Stepper.IsExactlyPositive,
                potential.Lambda <= 1, grid.Levels, theorems.Series, [], theorems.P, deltas, setup.Equation.Forward,
                Guidance: potential.Lambda > 1, ScoreOfData: false, Mixing: gridMixing);
            var gridChecks = TheoremChecks.Evaluate(inputs);

            context.Progress($"{c.Name}: particles");
            var (particles, particleTracker) = Particles(c, potential, deltas, outcome, context, $"{c.Name}: particles", null);
            var ode = c with { Eps = 0 };
            var (odeRun, odeTracker) = c.Eps == 0 ? (particles, particleTracker)
                : Particles(ode, potential, deltas, outcome, context, $"{c.Name}: ODE particles", null);
            var (odeChecks, _) = ParticleChecks.Evaluate(new ParticleChecks.Inputs(odeRun, ParticleMethod.ExactMeanShift, 0, null, "-", null, "-", 0,
                null, "-", odeTracker, GenericStarts: true));
            ParticleRun? symmetricRun = null;
            if (c.Dimension == 2 && symmetric.Length > 0)
            {
                context.Progress($"{c.Name}: ODE from the symmetric starts");
                var given = ode with { Particles = ode.Particles! with { StartPoints = symmetric, Count = symmetric.Length, Store = ode.Particles.Steps + 1 } };
                (symmetricRun, _) = Particles(given, potential, deltas, outcome, context, $"{c.Name}: ODE from points on the symmetry axes", symmetric.Length);
            }
            return new CaseResult(c, potential, setup.Grid, grid.Final, gridMixing, theorems.Series, gridChecks, particles, particleTracker,
                odeTracker, odeChecks, odeRun, symmetricRun);
        }

        private static (ParticleRun, CriticalPointTracker) Particles(Case c, MixingPotential potential, double[] deltas, StudyOutcome outcome,
            StudyContext context, string label, int? maxStored)
        {
            var setup = ParticleCases.Build(c, context.Threads);
            var tracker = CriticalPointTracker.ForStoredLevels(potential, deltas, setup.Sampler, setup.Spec.Store);
            var run = StudyParticles.Run(outcome, label, setup, context, tracker, maxStored: maxStored ?? ParticleSampler.DefaultMaxStored);
            return (run, tracker);
        }

        private static void Tables(StudyOutcome outcome, List<CaseResult> results)
        {
            var rows = new List<IReadOnlyList<string>>();
            foreach (var r in results)
            {
                int k = r.GridMixing.Deltas.Count - 1, level = r.GridMixing.Time.Count - 1;
                var ode = r.Ode;
                int last = ode.Times.Length - 1;
                for (int c = 0; c < r.Potential.CriticalPoints.Count; c++)
                {
                    var point = r.Potential.CriticalPoints[c];
                    rows.Add([r.Case.Name, $"{StudyRuns.Num(r.Potential.Lambda)}", $"({string.Join(", ", point.X.Select(StudyRuns.Num))})", point.Kind,
                        StudyRuns.Num(point.Value), StudyRuns.Num(r.GridMixing.Shares[level][k * r.GridMixing.Columns + c]),
                        StudyRuns.Num(r.Particles.Share(last, k, c)), StudyRuns.Num(ode.Share(last, k, c))]);
                }
                rows.Add([r.Case.Name, "", "outside all", "", "", StudyRuns.Num(r.GridMixing.Shares[level][k * r.GridMixing.Columns + r.GridMixing.Columns - 1]),
                    StudyRuns.Num(r.Particles.Share(last, k, r.Particles.Columns - 1)), StudyRuns.Num(ode.Share(last, k, ode.Columns - 1))]);
            }
            outcome.Tables.Add(new ReportTable("Critical points of Phi_lambda and the share of the mass within the largest delta of each at t_min " +
                "(grid, particles of the same equation, ODE particles from v_T)",
                ["case", "lambda", "critical point", "kind", "Phi", "grid mass", "particles", "ODE particles"], rows));
            var checks = new List<IReadOnlyList<string>>();
            foreach (var r in results)
                foreach (var x in r.GridChecks.Where(x => x.Name is "liyau" or "liyau_discrete" || x.Name.StartsWith("lp_", StringComparison.Ordinal))
                             .Concat(r.OdeChecks.Where(x => x.Name.StartsWith("mixing", StringComparison.Ordinal))))
                    checks.Add([r.Case.Name, x.Name, StudyRuns.Num(x.Measured), StudyRuns.Num(x.Bound),
                        x.Passed ? (x.Guaranteed ? "PASS" : "held (not guaranteed)") : (x.Guaranteed ? "FAIL" : "VIOLATED (not guaranteed)")]);
            outcome.Tables.Add(new ReportTable("The checks of `fpgrid verify` on the grid runs (Li-Yau, L^p) and on the ODE particles (mixing limits and rate)",
                ["case", "check", "measured", "bound", "result"], checks));
            foreach (var r in results.Where(r => r.Symmetric is not null))
            {
                var run = r.Symmetric!;
                outcome.Notes.Add($"{r.Case.Name}, ODE from points on the symmetry axes: " + string.Join("; ", Enumerable.Range(0, run.Count).Select(p =>
                {
                    var (k, d) = r.Potential.Nearest([run.EndPoint(p, 0), run.EndPoint(p, 1)]);
                    return $"({StudyRuns.Num(run.Stored(0, p, 0))}, {StudyRuns.Num(run.Stored(0, p, 1))}) -> {r.Potential.CriticalPoints[k]} at distance {StudyRuns.Num(d)}";
                })) + ".");
            }
        }

        private static PointSet Set(IEnumerable<double[]> points, int dim, double y, string legend, Paint color, PointShape shape, float size)
        {
            var list = points.ToList();
            return new PointSet(list.Select(p => p[0]).ToArray(), list.Select(p => dim == 2 ? p[1] : y).ToArray(), legend, color, shape, size);
        }

        private Panel LimitPanel(CaseResult r)
        {
            var c = r.Case;
            var mixed = (MixedScoreSpec)c.Score;
            var s1 = Atoms(mixed.First);
            var s2 = Atoms(mixed.Second);
            var minima = r.Potential.CriticalPoints.Where(p => p.IsLocalMinimum).Select(p => p.X);
            var others = r.Potential.CriticalPoints.Where(p => !p.IsLocalMinimum).Select(p => p.X);
            string title = $"{c.Name}: lambda = {StudyRuns.Num(r.Potential.Lambda)}{(r.Potential.Lambda > 1 ? " (guidance)" : "")}, eps = {StudyRuns.Num(c.Eps)}";
            var grid = r.Grid;
            if (grid.Dimension == 1)
            {
                var x = grid.X.Centers();
                double top = r.Final.Max();
                var density = CellHistogram.Of(grid, r.ParticleRun.End).Probabilities().Select(m => m / grid.X.H).ToArray();
                var all = r.Potential.CriticalPoints.Select(p => p.X[0]).Concat(s1.Concat(s2).Select(p => p[0])).ToArray();
                double lo = all.Min() - 1.5, hi = all.Max() + 1.5;
                var curves = new List<Curve> { new(x, r.Final, "grid v(t_min)", Paint.Categorical(0), Stroke.Solid, 2.5f) };
                return new Panel(title, "x", "density at t_min")
                {
                    Curves = curves,
                    Points =
                    [
                        new PointSet(x, density, $"{r.ParticleRun.Count} particles (histogram)", Paint.Categorical(4), PointShape.FilledCircle, 3),
                        Set(s1, 1, -0.08 * top, "S1", Paint.Categorical(1), PointShape.OpenCircle, 14),
                        Set(s2, 1, -0.16 * top, "S2", Paint.Categorical(2), PointShape.OpenCircle, 14),
                        Set(minima, 1, 0, "minima of Phi_lambda", Paint.Black, PointShape.FilledCircle, 11),
                        Set(others, 1, 0, "saddles / maxima", Paint.Red, PointShape.Cross, 14),
                    ],
                    XRange = (lo, hi),
                    YRange = (-0.22 * top, 1.3 * top),
                    Legend = LegendCorner.UpperRight,
                };
            }
            var window = Window(grid, s1.Concat(s2).Concat(r.Potential.CriticalPoints.Select(p => p.X)));
            var curves2 = new List<Curve>();
            int shown = Math.Min(40, r.OdeRun.StoredCount);
            for (int k = 0; k < shown; k++)
            {
                int p = k * Math.Max(1, r.OdeRun.StoredCount / shown);
                curves2.Add(Path(r.OdeRun, p, k == 0 ? "ODE trajectories from v_T" : null, Paint.Gray, 1));
            }
            if (r.Symmetric is { } sym)
                for (int p = 0; p < sym.Count; p++) curves2.Add(Path(sym, p, p == 0 ? "ODE from the symmetry axes" : null, Paint.Categorical(9), 2.5f));
            return new Panel(title, "x", "y")
            {
                Image = window.Image(window.Cut(r.Final), ""),
                Curves = curves2,
                Points =
                [
                    Set(s1, 2, 0, "S1", Paint.Categorical(1), PointShape.OpenCircle, 16),
                    Set(s2, 2, 0, "S2", Paint.Categorical(2), PointShape.OpenCircle, 16),
                    Set(minima, 2, 0, "minima of Phi_lambda", Paint.Black, PointShape.FilledCircle, 10),
                    Set(others, 2, 0, "saddles / maxima", Paint.Red, PointShape.Cross, 16),
                ],
                EqualUnits = true,
                Legend = LegendCorner.UpperRight,
            };
        }

        private static Curve Path(ParticleRun run, int p, string? legend, Paint color, float width) => new(
            Enumerable.Range(0, run.StoredLevels.Length).Select(s => run.Stored(s, p, 0)).ToArray(),
            Enumerable.Range(0, run.StoredLevels.Length).Select(s => run.Stored(s, p, 1)).ToArray(), legend, color, Stroke.Solid, width);

        /// <summary>A window of the grid holding the given points with a margin of 1.5, in whole cells.</summary>
        private static GridWindow Window(Grid grid, IEnumerable<double[]> points)
        {
            var list = points.ToList();
            return GridWindow.Of(grid, list.Min(p => p[0]) - 1.5, list.Max(p => p[0]) + 1.5, list.Min(p => p[1]) - 1.5, list.Max(p => p[1]) + 1.5);
        }

        private static List<double[]> Atoms(DataSpec spec)
        {
            var d = (DiracMixture)DataDistributions.From(spec);
            return Enumerable.Range(0, d.Count).Select(k => Enumerable.Range(0, d.Dimension).Select(c => d.Point(k, c)).ToArray()).ToList();
        }

        private static List<Panel> Panels(List<CaseResult> results)
        {
            var margin = new List<Curve>();
            var growth = new List<Curve>();
            var limits = new List<Curve>();
            var points = new List<PointSet>();
            for (int k = 0; k < results.Count; k++)
            {
                var r = results[k];
                var s = r.Series;
                int d = r.Case.Dimension;
                var paint = Paint.Categorical(k);
                string name = $"{r.Case.Name} (lambda = {StudyRuns.Num(r.Potential.Lambda)})";
                margin.Add(new Curve(s.Time, s.Time.Select((t, i) => s.LiYauMargin[i] / (d / (2 * t))).ToArray(), name, paint, Stroke.Solid, 2.5f));
                int inf = IndexOfInf(r);
                if (inf >= 0)
                {
                    growth.Add(new Curve(s.Time, s.LpNorm.Select(n => n[inf] / s.LpNorm[0][inf]).ToArray(), name, paint, Stroke.Solid, 2.5f));
                    growth.Add(new Curve(s.Time, s.LpBound.Select(n => n[inf] / s.LpNorm[0][inf]).ToArray(), null, paint, Stroke.Dotted, 2));
                }
                int largest = r.GridMixing.Deltas.Count - 1;
                limits.Add(new Curve(r.GridMixing.Time, Enumerable.Range(0, r.GridMixing.Time.Count).Select(i => r.GridMixing.NearMinima(i, largest)).ToArray(),
                    name, paint, Stroke.Solid, 2.5f));
                limits.Add(new Curve(r.Ode.Times, Enumerable.Range(0, r.Ode.Times.Length).Select(i => r.Ode.NearMinima(i, largest)).ToArray(),
                    null, paint, Stroke.Dashed, 1.5f));
                points.Add(new PointSet(r.Particles.Times, Enumerable.Range(0, r.Particles.Times.Length).Select(i => r.Particles.NearMinima(i, largest)).ToArray(),
                    k == 0 ? "particles, same eps (dots)" : null, paint, PointShape.FilledCircle, 6));
            }
            return
            [
                new Panel("Li-Yau: min div s + d/(2t), relative to d/(2t)", "t", "margin / (d/(2t))")
                {
                    LogX = true, ReverseX = true, Curves = margin, ReferenceY = [0], Legend = LegendCorner.LowerLeft,
                },
                new Panel("Theorem 3.1, p = inf: ||v(t)||_inf / ||v_T||_inf", "t", "growth of the maximum")
                {
                    LogX = true, LogY = true, ReverseX = true, Curves = [.. growth, new Curve([], [], "bound (T/t)^(d(1+eps)/2)", Paint.Gray, Stroke.Dotted, 2)],
                    Legend = LegendCorner.UpperLeft,
                },
                new Panel($"share within delta = {string.Join(", ", results.Select(r => StudyRuns.Num(r.GridMixing.Deltas[^1])).Distinct())} of the minima of Phi_lambda", "t", "share of the mass")
                {
                    LogX = true, ReverseX = true, Curves = [.. limits, new Curve([], [], "grid (solid), ODE particles (dashed)", Paint.Gray, Stroke.Dashed, 1.5f)],
                    Points = points,
                    YRange = (0, 1.08), ReferenceY = [1], Legend = LegendCorner.LowerRight,
                },
            ];
        }

        private static int IndexOfInf(CaseResult r)
        {
            var p = r.Case.Diagnostics.P;
            for (int k = 0; k < p.Length; k++)
                if (double.IsPositiveInfinity(p[k])) return k;
            return -1;
        }
    }
}
