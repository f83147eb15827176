using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Convergence;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.IO.Studies;
using FokkerPlanckGrid.Particles;
using FokkerPlanckGrid.Plotting.Panels;
using FokkerPlanckGrid.Verification;

namespace FokkerPlanckGrid.Cli.Validation.Studies;

/// <summary>
/// `theorem-3-11`: Theorem 3.11 for the probability-flow ODE (eps = 0) of Dirac data, on particles drawn from v_T.
/// <list type="bullet">
/// <item>The convex-hull bound d(X_t, K) &lt;= sqrt(t/T) d(X_T, K), K = conv(supp u0), on every particle at every level:
///   the exact-mean-shift step keeps it exactly (X' - m = sqrt(q) (X - m) with m in K; proof in
///   <see cref="ParticleSampler"/>), so the measured excess is rounding only (`convex_hull_bound` of `fpgrid verify`,
///   reused here). The bound is also sharp: while m stays on the face of K nearest to X, d(X', K) = sqrt(q) d(X, K)
///   exactly; the ratio d(X_t, K) / (sqrt(t/T) d(X_T, K)) is measured over the stored trajectories that start outside K.</item>
/// <item>The imitation rate |X_t - y_i| &lt;= C sqrt(t): the least-squares exponent of the RMS distance to the chosen
///   atom over the last decade (`imitation_rate`).</item>
/// </list>
/// Cases: any with Dirac data, the exact score, eps = 0 and particles drawn from v_T (method exact-mean-shift).
/// Parameters: `shown` (stored trajectories drawn in the figures, default 60).
/// </summary>
public sealed class Theorem311Study : IStudyKind
{
    public string Kind => "theorem-3-11";

    public IReadOnlyList<StudyMeasure> Measures { get; } =
    [
        new("hull_bound_excess", "max over cases, particles and levels of d(X_t, K) - sqrt(t/T) d(X_T, K) (Theorem 3.11: <= 0; rounding only)"),
        new("hull_bound_violations", "particles, over all cases, whose excess is beyond the rounding allowance of `convex_hull_bound`"),
        new("hull_ratio_max", "max over cases, stored trajectories starting outside K and stored levels t < T of d(X_t, K) / (sqrt(t/T) d(X_T, K)) (<= 1 by the theorem)"),
        new("hull_ratio_at_tmin", "min over cases of the max over the stored trajectories starting outside K of d(X_tmin, K) / (sqrt(t_min/T) d(X_T, K)) (near 1: the bound is sharp)"),
        new("imitation_exponent_deviation", "max over cases of |fitted exponent of the RMS distance to the chosen atom over the last decade - 1/2|"),
        new("captured_share", "min over cases of the share of stored trajectories that chose an atom by t_min (softmax weight >= 1 - 1e-3)"),
    ];

    public IStudy Prepare(StudySpec spec)
    {
        var p = spec.Parameters;
        p.AllowOnly("shown");
        int shown = p.Integer("shown", "must be an integer in [1, 500]", n => n is >= 1 and <= 500, 60);
        var cases = new List<Case>();
        for (int i = 0; i < spec.Cases.Count; i++)
        {
            var c = StudyParticles.AtSize(spec.Cases[i].Case, spec);
            var particles = StudyParticles.Require(c, $"cases[{i}]");
            if (c.Data is not DiracMixtureSpec || c.Score is not ExactScoreSpec || c.Eps != 0 || particles.StartPoints is not null
                || particles.Method != "exact-mean-shift")
                throw new CaseInputException($"cases[{i}]", spec.Cases[i].Source,
                    "theorem-3-11 needs dirac-mixture data, the exact score, eps = 0 and particles drawn from v_T with method exact-mean-shift");
            ParticleCases.Build(c);
            cases.Add(c);
        }
        return new Prepared(cases, shown);
    }

    private sealed class Prepared(List<Case> cases, int shown) : IStudy
    {
        public StudyOutcome Run(StudyContext context)
        {
            var outcome = new StudyOutcome();
            var panels = new List<Panel>();
            var rows = new List<IReadOnlyList<string>>();
            double excess = double.NegativeInfinity, ratioMax = 0, deviation = 0, captured = 1, atTMin = double.PositiveInfinity;
            long violations = 0;
            foreach (var c in cases)
            {
                context.Progress($"{c.Name}: particles");
                var setup = ParticleCases.Build(c, context.Threads);
                var data = (DiracMixture)setup.Data;
                var (points, terms, _) = ParticleCases.HullPoints(c, data);
                var tracker = new HullTracker(new ConvexHull(points!), setup.Spec.Count, setup.Sampler.Levels, setup.Method);
                var run = StudyParticles.Run(outcome, c.Name, setup, context, tracker);
                var (checks, _) = ParticleChecks.Evaluate(new ParticleChecks.Inputs(run, setup.Method, 0, tracker, null, data, null, terms, null, "not compared"));
                var hullCheck = checks.Single(x => x.Name == "convex_hull_bound");
                var rate = checks.FirstOrDefault(x => x.Name == "imitation_rate");
                excess = Math.Max(excess, hullCheck.Measured);
                for (long q = 0; q < tracker.Count; q++)
                    if (!(tracker.Excess(q) <= hullCheck.Bound)) violations++;
                deviation = Math.Max(deviation, rate is null ? double.NaN : Math.Abs(rate.Measured - 0.5));

                // per stored trajectory: d(X_t, K) / (sqrt(t/T) d(X_T, K)) and the distance to the chosen atom
                var hull = tracker.Hull;
                int levels = run.StoredLevels.Length, d = run.Dimension;
                var times = run.StoredLevels.Select(n => run.Levels[n]).ToArray();
                double tMax = times[0], tMin = times[^1], scale = hull.Scale;
                var ratios = new List<double[]>();
                var atomDistance = new List<double[]>();
                int chose = 0;
                var x = new double[d];
                for (int i = 0; i < run.StoredCount; i++)
                {
                    double[] dist = new double[levels];
                    for (int s = 0; s < levels; s++)
                    {
                        for (int k = 0; k < d; k++) x[k] = run.Stored(s, i, k);
                        dist[s] = hull.Distance(x);
                    }
                    if (dist[0] > 1e-6 * Math.Max(1, scale))
                    {
                        var ratio = times.Select((t, s) => dist[s] / (Math.Sqrt(t / tMax) * dist[0])).ToArray();
                        ratioMax = Math.Max(ratioMax, ratio.Skip(1).Max());
                        ratios.Add(ratio);
                    }
                    for (int k = 0; k < d; k++) x[k] = run.Stored(levels - 1, i, k);
                    var (atom, weight) = ParticleChecks.NearestWeight(data, x, tMin);
                    if (weight < ParticleChecks.CaptureWeight) continue;
                    chose++;
                    atomDistance.Add(Enumerable.Range(0, levels).Select(s =>
                        Math.Sqrt(Enumerable.Range(0, d).Sum(k => Math.Pow(run.Stored(s, i, k) - data.Point(atom, k), 2)))).ToArray());
                }
                captured = Math.Min(captured, (double)chose / run.StoredCount);
                double sharp = ratios.Count == 0 ? double.NaN : ratios.Max(r => r[^1]);
                atTMin = Math.Min(atTMin, sharp);
                rows.Add([c.Name, $"{run.Count} x {run.Steps} steps", StudyRuns.Num(hullCheck.Measured), StudyRuns.Num(hullCheck.Bound),
                    $"{ratios.Count} of {run.StoredCount}", StudyRuns.Num(ratios.Count == 0 ? double.NaN : ratios.Max(r => r.Skip(1).Max())), StudyRuns.Num(sharp),
                    rate is null ? "-" : StudyRuns.Num(rate.Measured), $"{chose} of {run.StoredCount}"]);
                panels.AddRange(Panels(c, run, data, hull, times, ratios, atomDistance));
            }
            outcome.Measure("hull_bound_excess", excess);
            outcome.Measure("hull_bound_violations", violations);
            outcome.Measure("hull_ratio_max", ratioMax);
            outcome.Measure("hull_ratio_at_tmin", atTMin);
            outcome.Measure("imitation_exponent_deviation", deviation);
            outcome.Measure("captured_share", captured);
            outcome.Tables.Add(new ReportTable("Per case: the hull bound over every particle and level (excess and its rounding allowance), " +
                "the ratio d(X_t, K) / (sqrt(t/T) d(X_T, K)) over the stored trajectories that start outside K, the imitation exponent",
                ["case", "particles", "max excess", "rounding allowance", "stored starting outside K", "max ratio (t < T)", "max ratio at t_min", "imitation exponent", "chose an atom"], rows));
            outcome.Figures.Add((context.Figure("hull-and-rate", panels, columns: 3, width: 2100, height: 680 * cases.Count + 60),
                "Per case (rows). Left: d(X_t, K) / d(X_T, K) for stored trajectories starting outside the convex hull K of the data, " +
                "against t/T, below the bound sqrt(t/T) (dashed) of Theorem 3.11. Middle: distance to the data point each trajectory " +
                "chose (thin) and its RMS (thick) against t, with the slope-1/2 line. Right: the trajectories themselves with K."));
            return outcome;
        }

        private IEnumerable<Panel> Panels(Case c, ParticleRun run, DiracMixture data, ConvexHull hull, double[] times,
            List<double[]> ratios, List<double[]> atomDistance)
        {
            double tMax = times[0];
            var relative = times.Select(t => t / tMax).ToArray();
            int every = Math.Max(1, ratios.Count / shown);
            var ratioCurves = ratios.Where((_, k) => k % every == 0).Take(shown)
                .Select((r, k) => new Curve(relative, r.Select((v, s) => v * Math.Sqrt(relative[s])).ToArray(), k == 0 ? "d(X_t, K) / d(X_T, K)" : null,
                    Paint.Categorical(0), Stroke.Solid, 1)).ToList();
            yield return new Panel($"{c.Name}: distance to the convex hull K", "t / T", "d(X_t, K) / d(X_T, K)")
            {
                LogX = true, LogY = true, ReverseX = true,
                Curves = [.. ratioCurves, new Curve(relative, relative.Select(Math.Sqrt).ToArray(), "bound sqrt(t/T) (Theorem 3.11)", Paint.Black, Stroke.Dashed, 2.5f)],
                Legend = LegendCorner.LowerLeft,
            };
            int everyAtom = Math.Max(1, atomDistance.Count / shown);
            var rms = times.Select((_, s) => Math.Sqrt(atomDistance.Average(a => a[s] * a[s]))).ToArray();
            yield return new Panel($"{c.Name}: distance to the chosen data point", "t", "|X_t - y_i|")
            {
                LogX = true, LogY = true, ReverseX = true,
                Curves =
                [
                    .. atomDistance.Where((_, k) => k % everyAtom == 0).Take(shown).Select((a, k) =>
                        new Curve(times, a, k == 0 ? "single trajectories" : null, Paint.Gray, Stroke.Solid, 0.8f)),
                    new Curve(times, rms, "RMS over the stored trajectories", Paint.Categorical(1), Stroke.Solid, 3),
                    new Curve(times, times.Select(t => rms[^1] * Math.Sqrt(t / times[^1])).ToArray(), "slope 1/2: ∝ sqrt(t)", Paint.Black, Stroke.Dashed, 2),
                ],
                YRange = (Math.Max(1e-4, atomDistance.Min(a => a[^1]) / 2), atomDistance.Max(a => a.Max()) * 3),
                Legend = LegendCorner.LowerLeft,
            };
            int stored = Math.Min(shown, run.StoredCount);
            int step = Math.Max(1, run.StoredCount / stored);
            var atoms = new PointSet(Enumerable.Range(0, data.Count).Select(k => data.Point(k, 0)).ToArray(),
                Enumerable.Range(0, data.Count).Select(k => data.Dimension == 2 ? data.Point(k, 1) : times[^1]).ToArray(),
                "data points", Paint.Black, PointShape.FilledCircle, 10);
            if (run.Dimension == 2)
            {
                var vertices = Enumerable.Range(0, hull.VertexCount).Select(k => (hull.Vertex(k)[0], hull.Vertex(k)[1])).ToArray();
                yield return new Panel($"{c.Name}: trajectories (ODE, eps = 0)", "x", "y")
                {
                    Curves = Enumerable.Range(0, stored).Select(k => new Curve(
                        Enumerable.Range(0, times.Length).Select(s => run.Stored(s, k * step, 0)).ToArray(),
                        Enumerable.Range(0, times.Length).Select(s => run.Stored(s, k * step, 1)).ToArray(),
                        k == 0 ? "trajectories from T to t_min" : null, Paint.Categorical(0), Stroke.Solid, 0.8f)).ToList(),
                    Outlines = [new Outline(vertices, "convex hull K", Paint.Red, Stroke.Solid, 2.5f)],
                    Points = [atoms],
                    EqualUnits = true,
                    Legend = LegendCorner.UpperRight,
                };
            }
            else
            {
                var lo = hull.Vertex(0)[0];
                var hi = hull.Vertex(1)[0];
                yield return new Panel($"{c.Name}: trajectories x(t) (ODE, eps = 0)", "t", "x")
                {
                    LogX = true, ReverseX = true,
                    Curves =
                    [
                        .. Enumerable.Range(0, stored).Select(k => new Curve(times,
                            Enumerable.Range(0, times.Length).Select(s => run.Stored(s, k * step, 0)).ToArray(),
                            k == 0 ? "trajectories" : null, Paint.Categorical(0), Stroke.Solid, 0.8f)),
                        new Curve(times, times.Select(_ => lo).ToArray(), "K = [min y, max y]", Paint.Red, Stroke.Dashed, 2),
                        new Curve(times, times.Select(_ => hi).ToArray(), null, Paint.Red, Stroke.Dashed, 2),
                    ],
                    Legend = LegendCorner.UpperLeft,
                };
            }
        }
    }
}
