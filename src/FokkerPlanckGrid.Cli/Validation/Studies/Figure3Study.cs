using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Convergence;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.IO.Studies;
using FokkerPlanckGrid.Particles;
using FokkerPlanckGrid.Plotting.Panels;
using FokkerPlanckGrid.Verification;

namespace FokkerPlanckGrid.Cli.Validation.Studies;

/// <summary>
/// `figure3`: the paper's Figure 3. Two Diracs y = (+-1, 0) with equal weights, the probability-flow ODE (eps = 0), and
/// trajectories from a grid of start points (parameters `startBox` [[x0, x1], [y0, y1]], default [[-2, 2], [-2, 2]], and
/// `startCounts` [nx, ny], default [9, 9]; an odd nx with a symmetric box puts a column on the y-axis).
/// <para>
/// <b>What is exact.</b> On the y-axis the two softmax weights are equal to the bit (|x - y_1|^2 and |x - y_2|^2 are the
/// same floating-point number), so m = (0, 0) and the exact-mean-shift step is X' = sqrt(q) X: x stays 0 exactly and
/// y_t = y_T prod sqrt(q_n) = y_T sqrt(t/T) up to the rounding of the product — the collapse onto the barycentre (0, 0),
/// a Clarke saddle of the limit dynamics, at the rate of Theorem 3.11. Off the axis the nearer atom's weight tends to 1
/// and the trajectory reaches it like sqrt(t); d(X_t, K) &lt;= sqrt(t/T) d(X_T, K) with K the segment [-1, 1] x {0}
/// holds for every trajectory to rounding (<see cref="ParticleSampler"/>).
/// </para>
/// Reuses the particle checks of `fpgrid verify` (<see cref="ParticleChecks"/>) for the rates and the hull bound.
/// </summary>
public sealed class Figure3Study : IStudyKind
{
    public string Kind => "figure3";

    public IReadOnlyList<StudyMeasure> Measures { get; } =
    [
        new("axis_offset", "max over the trajectories started on the y-axis and the stored levels of |x_t| (0: they never leave the axis)"),
        new("axis_collapse_error", "max over the y-axis trajectories and stored levels of |y_t - y_T sqrt(t/T)| / max(1, |y_T|): the exact collapse onto (0, 0)"),
        new("side_choice", "share of the off-axis trajectories whose end point has chosen the atom on its own side (softmax weight >= 1 - 1e-3)"),
        new("imitation_exponent", "least-squares exponent of the RMS distance of the off-axis trajectories to their atom against t over the last decade (Theorem 3.11: 1/2)"),
        new("barycentre_exponent", "the same exponent for the y-axis trajectories and the barycentre (0, 0)"),
        new("hull_bound_excess", "max over trajectories and levels of d(X_t, K) - sqrt(t/T) d(X_T, K), K = [-1, 1] x {0} (Theorem 3.11: <= 0; rounding only)"),
    ];

    public IStudy Prepare(StudySpec spec)
    {
        var p = spec.Parameters;
        p.AllowOnly("startBox", "startCounts");
        if (spec.Cases.Count != 1) throw new CaseInputException("cases", $"{spec.Cases.Count} cases", "figure3 takes one case");
        var c = StudyParticles.AtSize(spec.Cases[0].Case, spec);
        if (c.Dimension != 2 || c.Data is not DiracMixtureSpec || c.Score is not ExactScoreSpec || c.Eps != 0)
            throw new CaseInputException("cases[0]", spec.Cases[0].Source, "figure3 needs a 2D dirac-mixture case with the exact score and eps = 0");
        var particles = StudyParticles.Require(c, "cases[0]");
        if (particles.Method != "exact-mean-shift")
            throw new CaseInputException("cases[0]", spec.Cases[0].Source, "figure3 needs particles.method = exact-mean-shift (exact on the axis)");
        var box = p.Points("startBox", 2, [[-2, 2], [-2, 2]]);
        if (box.Any(b => !(b[1] > b[0])))
            throw new CaseInputException(StudyParameters.Key("startBox"), "", "must be [[x0, x1], [y0, y1]] with x0 < x1, y0 < y1");
        var counts = p.Numbers("startCounts", "must be two integers in [2, 64]", n => n >= 2 && n <= 64 && n == Math.Floor(n), [9, 9]);
        if (counts.Length != 2) throw new CaseInputException(StudyParameters.Key("startCounts"), string.Join(", ", counts), "must be two integers [nx, ny]");
        var starts = new List<double[]>();
        for (int i = 0; i < (int)counts[0]; i++)
            for (int j = 0; j < (int)counts[1]; j++)
                starts.Add([Node(box[0], i, (int)counts[0]), Node(box[1], j, (int)counts[1])]);
        c = c with { Particles = particles with { StartPoints = starts.ToArray(), Count = starts.Count, Store = particles.Steps + 1 } };
        ParticleCases.Build(c);
        return new Prepared(c);
    }

    /// <summary>Node i of n evenly spaced over [a, b], ends included; the middle node of an odd n on a symmetric range is exactly 0.</summary>
    private static double Node(double[] range, int i, int n)
    {
        double mid = 0.5 * (range[0] + range[1]), half = 0.5 * (range[1] - range[0]);
        return mid + half * (2.0 * i - (n - 1)) / (n - 1);
    }

    private sealed class Prepared(Case c) : IStudy
    {
        public StudyOutcome Run(StudyContext context)
        {
            var outcome = new StudyOutcome();
            var setup = ParticleCases.Build(c, context.Threads);
            var data = (DiracMixture)setup.Data;
            var starts = setup.Spec.StartPoints!;
            var (hullPoints, terms, _) = ParticleCases.HullPoints(c, data);
            var hull = new HullTracker(new ConvexHull(hullPoints!), starts.Length, setup.Sampler.Levels, setup.Method);
            context.Progress($"{starts.Length} ODE trajectories");
            var run = StudyParticles.Run(outcome, "ODE trajectories", setup, context, hull, maxStored: starts.Length);
            var (checks, _) = ParticleChecks.Evaluate(new ParticleChecks.Inputs(run, setup.Method, 0, hull, null, data, null, terms, null, "given starts"));
            double Measured(string name) => checks.FirstOrDefault(x => x.Name == name)?.Measured ?? double.NaN;

            double tMax = run.Levels[0], tMin = run.Levels[^1];
            int last = run.StoredLevels.Length - 1;
            double offset = 0, collapse = 0;
            int offAxis = 0, chose = 0;
            var limits = new double[starts.Length][];
            for (int p = 0; p < starts.Length; p++)
            {
                if (starts[p][0] == 0)
                {
                    for (int s = 0; s <= last; s++)
                    {
                        double t = run.Levels[run.StoredLevels[s]];
                        offset = Math.Max(offset, Math.Abs(run.Stored(s, p, 0)));
                        collapse = Math.Max(collapse, Math.Abs(run.Stored(s, p, 1) - starts[p][1] * Math.Sqrt(t / tMax)) / Math.Max(1, Math.Abs(starts[p][1])));
                    }
                    limits[p] = [0, 0];
                    continue;
                }
                offAxis++;
                var (k, weight) = ParticleChecks.NearestWeight(data, [run.Stored(last, p, 0), run.Stored(last, p, 1)], tMin);
                if (weight >= ParticleChecks.CaptureWeight && Math.Sign(data.Point(k, 0)) == Math.Sign(starts[p][0])) chose++;
                limits[p] = [data.Point(k, 0), data.Point(k, 1)];
            }
            outcome.Measure("axis_offset", offset);
            outcome.Measure("axis_collapse_error", collapse);
            outcome.Measure("side_choice", offAxis == 0 ? double.NaN : (double)chose / offAxis);
            outcome.Measure("imitation_exponent", Measured("imitation_rate"));
            outcome.Measure("barycentre_exponent", Measured("barycentre_limits"));
            outcome.Measure("hull_bound_excess", Measured("convex_hull_bound"));
            outcome.Tables.Add(new ReportTable("The particle checks of `fpgrid verify` on these trajectories",
                ["check", "measured", "bound", "result", "detail"],
                checks.Select(x => (IReadOnlyList<string>)[x.Name, StudyRuns.Num(x.Measured), StudyRuns.Num(x.Bound), x.Passed ? "PASS" : "FAIL", x.Detail]).ToList()));
            int axis = starts.Length - offAxis;
            outcome.Notes.Add($"{starts.Length} start points: {axis} on the y-axis (x = 0 exactly), {offAxis} off it; " +
                $"{chose} of the {offAxis} off-axis trajectories chose the atom on their side by t_min = {StudyRuns.Num(tMin)}.");
            outcome.Figures.Add((context.Figure("trajectories", Panels(run, data, starts, limits), columns: 2, width: 1900, height: 900),
                $"Left: ODE (eps = 0) trajectories from T = {StudyRuns.Num(tMax)} (open circles) to t_min = {StudyRuns.Num(tMin)}, coloured by " +
                "their limit; the y-axis ones collapse onto the barycentre (0, 0). Right: distance to the limit against t on log-log axes, " +
                "with the slope-1/2 line of Theorem 3.11."));
            return outcome;
        }

        private static List<Panel> Panels(ParticleRun run, DiracMixture data, double[][] starts, double[][] limits)
        {
            int levels = run.StoredLevels.Length;
            var times = run.StoredLevels.Select(n => run.Levels[n]).ToArray();
            Paint ColourOf(double[] limit) => limit[0] < 0 ? Paint.Categorical(0) : limit[0] > 0 ? Paint.Categorical(1) : Paint.Red;
            string LabelOf(double[] limit) => limit[0] < 0 ? "to (-1, 0)" : limit[0] > 0 ? "to (1, 0)" : "y-axis: to (0, 0)";
            var labelled = new HashSet<string>();
            var paths = new List<Curve>();
            var distances = new List<Curve>();
            var axisDistances = new List<Curve>();
            for (int p = 0; p < starts.Length; p++)
            {
                var xs = Enumerable.Range(0, levels).Select(s => run.Stored(s, p, 0)).ToArray();
                var ys = Enumerable.Range(0, levels).Select(s => run.Stored(s, p, 1)).ToArray();
                string label = LabelOf(limits[p]);
                string? legend = labelled.Add(label) ? label : null;
                paths.Add(new Curve(xs, ys, legend, ColourOf(limits[p]), Stroke.Solid, 1.5f));
                var d = Enumerable.Range(0, levels).Select(s => Math.Sqrt(Math.Pow(xs[s] - limits[p][0], 2) + Math.Pow(ys[s] - limits[p][1], 2))).ToArray();
                bool onAxis = limits[p][0] == 0;
                if (d[0] > 0) (onAxis ? axisDistances : distances).Add(new Curve(times, d, null, onAxis ? Paint.Red : Paint.Categorical(0), Stroke.Solid, onAxis ? 2 : 1.2f));
            }
            if (distances.Count > 0) distances[0] = distances[0] with { Legend = "off the axis: to (±1, 0)" };
            if (axisDistances.Count > 0) axisDistances[0] = axisDistances[0] with { Legend = "on the y-axis: to (0, 0)" };
            var reference = times.Select(t => 2.5 * Math.Sqrt(t / times[0])).ToArray();
            return
            [
                new Panel("Figure 3: ODE trajectories, two Diracs at (±1, 0)", "x", "y")
                {
                    Curves = paths,
                    Points =
                    [
                        new PointSet(starts.Select(s => s[0]).ToArray(), starts.Select(s => s[1]).ToArray(), "start points (t = T)", Paint.Gray, PointShape.OpenCircle, 7),
                        new PointSet(Enumerable.Range(0, data.Count).Select(k => data.Point(k, 0)).ToArray(),
                            Enumerable.Range(0, data.Count).Select(k => data.Point(k, 1)).ToArray(), "data points y_i", Paint.Black, PointShape.FilledCircle, 12),
                        new PointSet([0.0], [0.0], "barycentre (0, 0)", Paint.Red, PointShape.Cross, 14),
                    ],
                    EqualUnits = true,
                    XRange = (-2.6, 2.6),
                    YRange = (-2.5, 3.7),
                    Legend = LegendCorner.UpperRight,
                },
                new Panel("distance to the limit against t (Theorem 3.11: O(sqrt t))", "t", "|X_t - limit|")
                {
                    LogX = true, LogY = true, ReverseX = true,
                    Curves = [.. distances, .. axisDistances, new Curve(times, reference, "slope 1/2: ∝ sqrt(t)", Paint.Black, Stroke.Dashed, 2.5f)],
                    Legend = LegendCorner.UpperRight,
                },
            ];
        }
    }
}
