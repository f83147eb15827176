using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Convergence;
using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.IO.Studies;
using FokkerPlanckGrid.Particles;
using FokkerPlanckGrid.Plotting.Panels;
using FokkerPlanckGrid.Simulations;

namespace FokkerPlanckGrid.Cli.Validation.Studies;

/// <summary>
/// `figure2-sde`: the SDE half of the paper's Figure 2. Data on a curve (the lemniscate; the true score by quadrature,
/// the mean shift of its nodes) against the empirical score of n points drawn from it; the generative SDE (2.7) from the
/// same v_T with the same noise (same seed: the two runs differ only in the score), read at each early-stopping time
/// t_min (one run down to the smallest t_min passes through the larger ones, which must be levels of its time grid).
/// <list type="bullet">
/// <item><b>The region holding 95% of the samples.</b> For the true score, the thinnest tube around the curve holding
///   `share` of the samples: its radius is the `share`-quantile q of the samples' distances to the curve. Near the curve
///   u(t) is the curve measure smoothed by N(0, 2t I), so the normal distance is about |N(0, 2t)| and q ≈ 1.96 sqrt(2t):
///   q / sqrt(2 t_min) stays bounded and q falls like t_min^(1/2). For the empirical score, the union of discs of radius q
///   around the n points, q the quantile of the distances to the nearest point: it collapses onto the points
///   (memorisation: q ≈ 2.45 sqrt(2t) for a point mass in 2D).</item>
/// <item><b>Beside the grid density of the same equation.</b> The grid run of the case (and of its empirical twin) at the
///   same t_min, with its highest-density region holding the same share; the particles are compared with it by the
///   Monte Carlo budget of <see cref="MonteCarloComparison"/> on a partition of the grid into blocks of `blocks` x
///   `blocks` cells (a coarsening contracts the L1 distance; with 10^4 samples the statistical term on the fine cells
///   would exceed 1): the grid term is the Richardson estimate (the run with cells and steps halved, aggregated to the
///   same blocks), the time-stepping term the coupled half-step particle run.</item>
/// </list>
/// Parameters: `tMins` (default 0.1, 0.01, 0.001), `samples` (n, default 10), `seed` (default 1), `share` (default 0.95),
/// `delta` (the memorisation radius, default 0.1), `view` (the figures' window), `blocks` (default 8), `shown` (particles
/// drawn per panel, default 2500).
/// </summary>
public sealed class Figure2SdeStudy : IStudyKind
{
    public string Kind => "figure2-sde";

    public IReadOnlyList<StudyMeasure> Measures { get; } =
    [
        new("true_q95_ratio", "max over t_min of q / sqrt(2 t_min), q the share-quantile of the true-score samples' distances to the curve (the radius of the thinnest tube holding that share)"),
        new("true_q95_order", "least-squares slope of log q against log t_min (1/2 for q proportional to sqrt(t_min))"),
        new("empirical_q95_ratio", "at the smallest t_min, q / sqrt(2 t_min) with q the share-quantile of the empirical-score samples' distances to the nearest sample point"),
        new("memorised_share", "share of the empirical-score samples within delta of the n sample points at the smallest t_min"),
        new("true_share_near_samples", "share of the true-score samples within delta of the same n points at the smallest t_min"),
        new("monte_carlo_ratio", "max over both scores and every t_min of D / bound on the block partition (D = ||histogram - v_h||_1)"),
        new("mass_drift", "max relative change of sum v dx over the grid runs"),
    ];

    public IStudy Prepare(StudySpec spec)
    {
        var p = spec.Parameters;
        p.AllowOnly("tMins", "samples", "seed", "share", "delta", "view", "blocks", "shown");
        if (spec.Cases.Count != 1) throw new CaseInputException("cases", $"{spec.Cases.Count} cases", "figure2-sde takes one case");
        var full = spec.Cases[0].Case;
        if (full.Dimension != 2 || full.Data is not CurveSpec || full.Score is not ExactScoreSpec || full.Terminal is not GaussianTerminalSpec)
            throw new CaseInputException("cases[0]", spec.Cases[0].Source,
                "figure2-sde needs a 2D curve case with the exact score and a gaussian terminal (the same v_T for both scores)");
        var particles = StudyParticles.Require(full, "cases[0]");
        if (particles.StartPoints is not null)
            throw new CaseInputException("cases[0].particles.start", "points", "figure2-sde draws the particles from v_T");
        var tMins = p.Numbers("tMins", $"must be times in [t_min, T) = [{full.Time.TMin}, {full.Time.T})",
            t => t >= full.Time.TMin && t < full.Time.T, [0.1, 0.01, 0.001]).Distinct().OrderDescending().ToArray();
        if (Math.Abs(tMins[^1] - full.Time.TMin) > 1e-12 * full.Time.TMin)
            throw new CaseInputException(StudyParameters.Key("tMins"), string.Join(", ", tMins), $"the smallest must be the case's t_min = {full.Time.TMin}");
        // every t_min must be an even level of the particle time grid: K log(T/t) / log(T/t_min) = 2 L m for an integer m
        var fractions = tMins.Select(t => Math.Log(full.Time.T / t) / Math.Log(full.Time.T / full.Time.TMin)).ToArray();
        int multiple = Enumerable.Range(1, 1000).FirstOrDefault(l => fractions.All(f => Math.Abs(f * l - Math.Round(f * l)) < 1e-9));
        if (multiple == 0)
            throw new CaseInputException(StudyParameters.Key("tMins"), string.Join(", ", tMins), "must be levels of a geometric time grid from T to t_min");
        var c = StudyParticles.AtSize(full, spec, stepMultiple: 2 * multiple);
        var m = MemorisationParameters.Read(p, c);
        int blocks = p.Integer("blocks", "must be an even integer >= 2 dividing the case's cells", b => b >= 2 && b % 2 == 0, 8);
        if (c.Grid.Cells.Any(k => k % blocks != 0))
            throw new CaseInputException(StudyParameters.Key("blocks"), blocks.ToString(), $"must divide the cells {string.Join(" x ", c.Grid.Cells)} at this size");
        int shown = p.Integer("shown", "must be an integer in [100, 10^5]", k => k is >= 100 and <= 100_000, 2500);
        var empirical = m.Empirical(c);
        StudyRuns.Build(c);
        StudyRuns.Build(empirical);
        ParticleCases.Build(c);
        ParticleCases.Build(empirical);
        return new Prepared(c, empirical, tMins, m.Share, m.Delta, m.View, blocks, shown);
    }

    /// <summary>One score's samples and grid densities at every t_min.</summary>
    private sealed record Side(string Label, double[][] Ends, double[][] Distances, double[] Quantiles, double[][] Fields,
        HighestDensityRegion[] Regions, MonteCarloBudget[] Budgets, double MassDrift);

    private sealed class Prepared(Case c, Case empirical, double[] tMins, double share, double delta, double[][] view, int blocks, int shown) : IStudy
    {
        public StudyOutcome Run(StudyContext context)
        {
            var outcome = new StudyOutcome();
            var trueSetup = StudyRuns.Build(c, context.Threads);
            var empSetup = StudyRuns.Build(empirical, context.Threads);   // the same v_T: the gaussian terminal does not depend on the data
            var curve = (CurveMeasure)trueSetup.Data;
            var samples = (DiracMixture)empSetup.Data;
            var partition = Grid.OnRectangle(trueSetup.Grid.X.Lower, trueSetup.Grid.X.Upper, trueSetup.Grid.Nx / blocks,
                trueSetup.Grid.Y.Lower, trueSetup.Grid.Y.Upper, trueSetup.Grid.Ny / blocks);

            var trueSide = RunSide("true score", c, trueSetup, curve, outcome, context, partition);
            var empSide = RunSide($"empirical score of n = {samples.Count}", empirical, empSetup, samples, outcome, context, partition);

            int last = tMins.Length - 1;
            double Near(double[][] ends) => ends[last].Chunk(2).Count(x => samples.DistanceToSupport(x) < delta) / (double)(ends[last].Length / 2);
            double memorised = Near(empSide.Ends), nearTrue = Near(trueSide.Ends);
            outcome.Measure("true_q95_ratio", trueSide.Quantiles.Select((q, k) => q / Math.Sqrt(2 * tMins[k])).Max());
            outcome.Measure("true_q95_order", tMins.Length < 2 ? double.NaN : ObservedOrder.Fitted(tMins, trueSide.Quantiles));
            outcome.Measure("empirical_q95_ratio", empSide.Quantiles[last] / Math.Sqrt(2 * tMins[last]));
            outcome.Measure("memorised_share", memorised);
            outcome.Measure("true_share_near_samples", nearTrue);
            outcome.Measure("monte_carlo_ratio", new[] { trueSide, empSide }.SelectMany(s => s.Budgets).Max(b => b.Distance / b.Bound));
            outcome.Measure("mass_drift", Math.Max(trueSide.MassDrift, empSide.MassDrift));

            var rows = new List<IReadOnlyList<string>>();
            foreach (var side in new[] { trueSide, empSide })
                for (int k = 0; k < tMins.Length; k++)
                {
                    var b = side.Budgets[k];
                    rows.Add([side.Label, StudyRuns.Num(tMins[k]), StudyRuns.Num(side.Quantiles[k]), StudyRuns.Num(side.Quantiles[k] / Math.Sqrt(2 * tMins[k])),
                        StudyRuns.Num(b.Distance), StudyRuns.Num(b.Grid), StudyRuns.Num(b.Time), StudyRuns.Num(b.Statistical), StudyRuns.Num(b.Deviation),
                        StudyRuns.Num(b.Bound)]);
                }
            outcome.Tables.Add(new ReportTable(
                $"Per score and early-stopping time: q = radius of the region holding {StudyRuns.Num(share)} of the samples (tube around the curve " +
                $"for the true score, discs around the {samples.Count} points for the empirical one); Monte Carlo against the grid on " +
                $"{partition.Nx} x {partition.Ny} blocks of {blocks} x {blocks} cells: D and its budget",
                ["score", "t_min", "q", "q / sqrt(2 t_min)", "D", "grid (Richardson)", "time stepping", "mu", "deviation", "bound"], rows));
            outcome.Notes.Add($"At t_min = {StudyRuns.Num(tMins[last])}: {StudyRuns.Num(memorised)} of the empirical-score samples and " +
                $"{StudyRuns.Num(nearTrue)} of the true-score samples lie within {StudyRuns.Num(delta)} of the {samples.Count} sample points.");

            context.Progress("figures");
            var (raster, nx, ny) = Raster(curve, samples);
            outcome.Figures.Add((context.Figure("samples", SamplePanels(curve, samples, trueSide, empSide, raster, nx, ny), columns: tMins.Length,
                    width: Math.Max(1200, 640 * tMins.Length), height: 860),
                $"SDE samples (eps = {StudyRuns.Num(c.Eps)}, {trueSide.Ends[0].Length / 2} particles, {shown} drawn) at each early-stopping time, " +
                $"true score (top) and empirical score of {samples.Count} points (bottom, red); orange: the boundary of the region holding " +
                $"{StudyRuns.Num(100 * share)}% of the samples (the thinnest tube around the curve, or union of discs around the points)."));
            outcome.Figures.Add((context.Figure("grid-beside", GridPanels(trueSetup.Grid, curve, samples, trueSide, empSide, raster, nx, ny),
                    columns: tMins.Length, width: Math.Max(1200, 640 * tMins.Length), height: 860),
                $"The grid density v_h(t_min) of the same equation, same v_T, eps and scores; cyan: the boundary of its region holding " +
                $"{StudyRuns.Num(100 * share)}% of the mass; orange dashed: the samples' region of the figure above."));
            return outcome;
        }

        private Side RunSide(string label, Case sideCase, SolverSetup setup, IDataDistribution support, StudyOutcome outcome,
            StudyContext context, Grid partition)
        {
            context.Progress($"{label}: particles");
            var particles = ParticleCases.Build(sideCase, context.Threads);
            int steps = particles.Spec.Steps;
            var levels = tMins.Select(t => LevelSnapshots.IndexOf(particles.Sampler.Levels, t)).ToArray();
            var snapshots = new LevelSnapshots(particles.Spec.Count, 2, levels);
            StudyParticles.Run(outcome, $"{label}: SDE samples", particles, context, snapshots, storedLevels: 2);
            var halfSnapshots = new LevelSnapshots(particles.Spec.Count, 2, levels.Select(l => l / 2).ToArray());
            StudyParticles.Run(outcome, $"{label}: the same samples with half the steps (same Brownian path)", particles, context, halfSnapshots,
                storedLevels: 2, coarsen: 2);

            context.Progress($"{label}: grid");
            var grid = StudyRuns.Run(outcome, $"{label}: grid", setup, tMins, cancel: context.Cancel);
            var coarseCase = setup.Case with
            {
                Grid = setup.Case.Grid with { Cells = setup.Case.Grid.Cells.Select(k => k / 2).ToArray() },
                Time = setup.Case.Time with { Steps = Math.Max(1, setup.Case.Time.Steps / 2) },
            };
            var coarseSetup = StudyRuns.Build(coarseCase, context.Threads);
            var coarse = StudyRuns.Run(outcome, $"{label}: grid, cells and steps halved (Richardson)", coarseSetup, tMins, cancel: context.Cancel);
            double drift = Math.Max(grid.Levels.RelativeMassDrift(), coarse.Levels.RelativeMassDrift());

            context.Progress($"{label}: distances");
            int count = particles.Spec.Count;
            var distances = new double[tMins.Length][];
            var quantiles = new double[tMins.Length];
            var regions = new HighestDensityRegion[tMins.Length];
            var budgets = new MonteCarloBudget[tMins.Length];
            for (int k = 0; k < tMins.Length; k++)
            {
                var ends = snapshots.Positions[k];
                var d = new double[count];
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = context.Threads > 0 ? context.Threads : -1 },
                    i => d[i] = support.DistanceToSupport(ends.AsSpan(2 * i, 2)));
                distances[k] = d;
                var sorted = (double[])d.Clone();
                Array.Sort(sorted);
                quantiles[k] = sorted[Math.Min(count - 1, (int)Math.Ceiling(share * count) - 1)];
                regions[k] = HighestDensityRegion.Of(grid.Fields[k], share);
                var fineMasses = Aggregate(setup.Grid, grid.Fields[k], partition);
                var coarseMasses = Aggregate(coarseSetup.Grid, coarse.Fields[k], partition);
                budgets[k] = MonteCarloComparison.Budget(partition, fineMasses.Select(m => m / partition.CellVolume).ToArray(), ends,
                    halfSnapshots.Positions[k], null, coarseMasses);
            }
            return new Side(label, snapshots.Positions, distances, quantiles, grid.Fields.ToArray(), regions, budgets, drift);
        }

        /// <summary>Cell masses of <paramref name="v"/> summed over the blocks of <paramref name="partition"/> (aligned with the grid).</summary>
        private static double[] Aggregate(Grid grid, double[] v, Grid partition)
        {
            int bx = grid.Nx / partition.Nx, by = grid.Ny / partition.Ny;
            var m = new double[partition.CellCount];
            for (int i = 0; i < grid.Nx; i++)
                for (int j = 0; j < grid.Ny; j++) m[(i / bx) * partition.Ny + j / by] += v[i * grid.Ny + j] * grid.CellVolume;
            return m;
        }

        /// <summary>
        /// Distances to the curve and to the nearest sample point on a raster of the view (for the regions' outlines):
        /// [0] curve, [1] points, each nx * ny in the panels' C order.
        /// </summary>
        private (double[][] Raster, int Nx, int Ny) Raster(CurveMeasure curve, DiracMixture samples)
        {
            const int nx = 256;
            int ny = Math.Max(16, (int)Math.Round(nx * (view[1][1] - view[1][0]) / (view[0][1] - view[0][0])));
            var toCurve = new double[nx * ny];
            var toPoints = new double[nx * ny];
            double hx = (view[0][1] - view[0][0]) / nx, hy = (view[1][1] - view[1][0]) / ny;
            Parallel.For(0, nx, i =>
            {
                Span<double> x = stackalloc double[2];
                for (int j = 0; j < ny; j++)
                {
                    x[0] = view[0][0] + (i + 0.5) * hx;
                    x[1] = view[1][0] + (j + 0.5) * hy;
                    toCurve[i * ny + j] = curve.DistanceToSupport(x);
                    toPoints[i * ny + j] = samples.DistanceToSupport(x);
                }
            });
            return ([toCurve, toPoints], nx, ny);
        }

        private Curve CurveLine(CurveMeasure curve, bool legend)
        {
            var theta = Enumerable.Range(0, 801).Select(k => 2 * Math.PI * k / 800).ToArray();
            return new Curve(theta.Select(th => curve.Gamma(th).X).ToArray(), theta.Select(th => curve.Gamma(th).Y).ToArray(),
                legend ? "the curve" : null, Paint.Black, Stroke.Solid, 1);
        }

        private PointSet Points(DiracMixture samples, bool legend) => new(Enumerable.Range(0, samples.Count).Select(k => samples.Point(k, 0)).ToArray(),
            Enumerable.Range(0, samples.Count).Select(k => samples.Point(k, 1)).ToArray(), legend ? "sample points" : null, Paint.Red, PointShape.FilledCircle, 8);

        private List<Panel> SamplePanels(CurveMeasure curve, DiracMixture samples, Side trueSide, Side empSide, double[][] raster, int nx, int ny)
        {
            var panels = new List<Panel>();
            foreach (var (side, index) in new[] { (trueSide, 0), (empSide, 1) })
                for (int k = 0; k < tMins.Length; k++)
                {
                    var ends = side.Ends[k];
                    int count = ends.Length / 2, stride = Math.Max(1, count / shown);
                    var picks = Enumerable.Range(0, Math.Min(shown, count)).Select(i => i * stride).ToArray();
                    bool first = k == 0;
                    panels.Add(new Panel($"{side.Label}: samples at t_min = {StudyRuns.Num(tMins[k])}", "x", "y")
                    {
                        Curves = [CurveLine(curve, first)],
                        LevelLines = [new LevelLine(raster[index], nx, ny, view[0][0], view[0][1], view[1][0], view[1][1], side.Quantiles[k],
                            first ? $"region holding {StudyRuns.Num(100 * share)}% of the samples" : null, Paint.Categorical(1), Stroke.Solid, 2.5f)],
                        Points =
                        [
                            new PointSet(picks.Select(i => ends[2 * i]).ToArray(), picks.Select(i => ends[2 * i + 1]).ToArray(), first ? "SDE samples" : null,
                                Paint.Categorical(0), PointShape.FilledCircle, 2),
                            .. index == 1 ? [Points(samples, first)] : Array.Empty<PointSet>(),
                        ],
                        XRange = (view[0][0], view[0][1]),
                        YRange = (view[1][0], view[1][1]),
                        EqualUnits = true,
                        Legend = first ? LegendCorner.UpperRight : LegendCorner.None,
                    });
                }
            return panels;
        }

        private List<Panel> GridPanels(Grid grid, CurveMeasure curve, DiracMixture samples, Side trueSide, Side empSide, double[][] raster, int nx, int ny)
        {
            var window = GridWindow.Of(grid, view[0][0], view[0][1], view[1][0], view[1][1]);
            var panels = new List<Panel>();
            foreach (var (side, index) in new[] { (trueSide, 0), (empSide, 1) })
                for (int k = 0; k < tMins.Length; k++)
                {
                    var field = window.Cut(side.Fields[k]);
                    bool first = k == 0;
                    panels.Add(new Panel($"{side.Label}: grid v_h(t_min = {StudyRuns.Num(tMins[k])})", "x", "y")
                    {
                        Image = window.Image(field, ""),
                        LevelLines =
                        [
                            window.Level(field, side.Regions[k].Level, first ? $"grid: {StudyRuns.Num(100 * share)}% of the mass" : null,
                                Paint.Categorical(9), Stroke.Solid, 2),
                            new LevelLine(raster[index], nx, ny, view[0][0], view[0][1], view[1][0], view[1][1], side.Quantiles[k],
                                first ? $"samples: {StudyRuns.Num(100 * share)}%" : null, Paint.Categorical(1), Stroke.Dashed, 2),
                        ],
                        Points = index == 1 ? [Points(samples, false)] : [],
                        EqualUnits = true,
                        Legend = first ? LegendCorner.UpperRight : LegendCorner.None,
                    });
                }
            return panels;
        }
    }
}
